package io.devhealth.identity.sync;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.devhealth.identity.persistence.TimestampedEntity;

/** What to sync from where, and how often ({@code sync_configurations}). */
@Entity
@Table(name = "sync_configurations")
public class SyncConfiguration extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** Unique within the organization. */
    @Column(nullable = false, columnDefinition = "text")
    public String name;

    /** git, github, gitlab, jira or pagerduty. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String provider;

    /** The integration credential the provider authenticates with (same organization and provider); null: none. */
    @Column(name = "credential_id")
    public UUID credentialId;

    /** Provider options, e.g. {@code {"repositoryPath": "/srv/git/app.git"}} for git. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> options;

    /** Seconds between scheduled runs (≥ 60); null: on demand only. Ignored while {@link #scheduleCron} is set. */
    @Column(name = "schedule_interval_seconds")
    public Integer scheduleIntervalSeconds;

    /** A Unix cron expression; when set it takes precedence over {@link #scheduleIntervalSeconds}. */
    @Column(name = "schedule_cron", columnDefinition = "text")
    public String scheduleCron;

    /** The IANA zone {@link #scheduleCron} is evaluated in; set exactly when it is. */
    @Column(name = "schedule_time_zone", columnDefinition = "text")
    public String scheduleTimeZone;

    /** When the cron schedule next starts a run; set exactly when {@link #scheduleCron} is. */
    @Column(name = "schedule_next_run_at")
    public Instant scheduleNextRunAt;

    /** How many days back the first, full sync reaches (1–3,650); null: the whole history. */
    @Column(name = "backfill_days")
    public Integer backfillDays;

    @Column(name = "is_enabled", nullable = false)
    public boolean enabled;

    /** The last committed sync position (e.g. ref tips for git); moved only by a succeeded run. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> cursor;

    @Column(name = "created_by", updatable = false)
    public UUID createdBy;

    /** The cron schedule, or null when there is none (interval or on demand). */
    public CronSchedule cronSchedule() {
        return scheduleCron == null ? null : CronSchedule.stored(scheduleCron, scheduleTimeZone);
    }

    /**
     * Sets (or with null removes) the cron schedule; its next run is the first fire time after {@code now}, the
     * same when the schedule is unchanged but the configuration is being enabled again.
     */
    public void schedule(CronSchedule schedule, Instant now) {
        scheduleCron = schedule == null ? null : schedule.cron();
        scheduleTimeZone = schedule == null ? null : schedule.timeZone().getId();
        scheduleNextRunAt = schedule == null ? null : schedule.nextAfter(now);
    }

    /**
     * When the scheduler next starts a run: the cron schedule's next fire time, else the last run's start plus the
     * interval ({@code createdAt} before the first run); a past time means due now. Null when disabled or on demand.
     *
     * @param latestStart when the latest run of this configuration started; null if it never ran
     */
    public Instant nextRunAt(Instant latestStart) {
        if (!enabled) {
            return null;
        }
        if (scheduleCron != null) {
            return scheduleNextRunAt;
        }
        if (scheduleIntervalSeconds == null) {
            return null;
        }
        return latestStart == null ? createdAt : latestStart.plusSeconds(scheduleIntervalSeconds);
    }
}
