package io.devhealth.identity.sync.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.CronSchedule;

/** A cron schedule as stored. */
public record ScheduleResponse(
        @Schema(examples = "0 */6 * * *") String cron,
        @Schema(examples = "Europe/Berlin") String timeZone) {

    static ScheduleResponse from(CronSchedule schedule) {
        return schedule == null ? null : new ScheduleResponse(schedule.cron(), schedule.timeZone().getId());
    }
}
