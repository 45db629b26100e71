package io.devhealth.identity.sync.rest;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.CronSchedule;
import io.devhealth.identity.sync.service.SyncConfigurationChanges;
import io.devhealth.identity.sync.service.SyncConfigurationChanges.ScheduleChange;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.CleanText;

/**
 * Body of {@code PATCH /api/v1/identity/orgs/{org}/sync-configurations/{id}} (JSON merge patch semantics): a member
 * left out keeps its value, {@code null} clears the ones that may be empty. A class, not a record, so that an
 * absent member (field stays null) and an explicit null (an empty {@link Optional}) can be told apart.
 */
@CleanText
@Schema(name = "UpdateSyncConfigurationRequest", examples = "{\"schedule\": {\"cron\": \"0 */6 * * *\", "
        + "\"timeZone\": \"Europe/Berlin\"}, \"backfillDays\": 90, \"enabled\": true}")
public class UpdateSyncConfigurationRequest {

    @Schema(description = "New name, unique within the organization, 1–200 characters", examples = "devhealth")
    public String name;

    @Schema(description = "Refused: the provider of a configuration is fixed", hidden = true)
    public String provider;

    @Schema(description = "Replaces all provider options (checked as on create)",
            examples = "{\"repositoryPath\": \"/srv/git/devhealth.git\"}")
    public Map<String, Object> options;

    @Schema(description = "Cron schedule; null removes it", implementation = ScheduleRequest.class)
    public Optional<ScheduleRequest> schedule;

    @Schema(description = "Seconds between runs (≥ 60); null removes it; ignored while schedule is set",
            implementation = Integer.class, examples = "21600")
    public Optional<Integer> scheduleIntervalSeconds;

    @Schema(description = "A credential of this organization for the same provider; null removes it",
            implementation = UUID.class)
    public Optional<UUID> credentialId;

    @Schema(description = "Days the first full sync reaches back (1–3650); null: all history",
            implementation = Integer.class, examples = "90")
    public Optional<Integer> backfillDays;

    @Schema(description = "Enable or disable scheduled and manual runs")
    public Boolean enabled;

    /** The changes asked for; 422 naming the member when one is out of range or not changeable. */
    SyncConfigurationChanges toChanges() {
        if (provider != null) {
            throw ProblemException.invalidField("provider", "cannot be changed; create a new configuration");
        }
        if (name != null && (name.isEmpty() || name.length() > 200)) {
            throw ProblemException.invalidField("name", "must be 1–200 characters, not blank");
        }
        if (scheduleIntervalSeconds != null && scheduleIntervalSeconds.filter(seconds -> seconds < 60).isPresent()) {
            throw ProblemException.invalidField("scheduleIntervalSeconds", "must be greater than or equal to 60");
        }
        if (backfillDays != null && backfillDays.filter(days -> days < 1 || days > 3650).isPresent()) {
            throw ProblemException.invalidField("backfillDays", "must be from 1 to 3650");
        }
        Optional<ScheduleChange> scheduleChange = schedule == null ? null : schedule.map(given -> {
            if (given.cron() == null || given.cron().isEmpty()) {
                throw ProblemException.invalidField("schedule.cron", "required: a Unix cron expression");
            }
            if (given.cron().length() > CronSchedule.MAX_CRON_LENGTH) {
                throw ProblemException.invalidField("schedule.cron",
                        "must be at most " + CronSchedule.MAX_CRON_LENGTH + " characters");
            }
            return new ScheduleChange(given.cron(), given.timeZone());
        });
        return new SyncConfigurationChanges(name, options, scheduleChange, scheduleIntervalSeconds, credentialId,
                backfillDays, enabled);
    }
}
