package io.devhealth.identity.sync.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.CronSchedule;
import io.devhealth.support.text.CleanText;

/** A cron schedule in a request, e.g. cron {@code 0 0 * * *} (daily at midnight) in time zone {@code Europe/Berlin}. */
@CleanText
public record ScheduleRequest(
        @Schema(description = "Unix cron expression: minute hour day-of-month month day-of-week",
                examples = "0 */6 * * *")
        @NotBlank @Size(max = CronSchedule.MAX_CRON_LENGTH) String cron,
        @Schema(description = "IANA time zone the expression is evaluated in; default: the organization's "
                + "timezone setting", examples = "Europe/Berlin")
        @Size(max = 64) String timeZone) {
}
