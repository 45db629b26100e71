package io.devhealth.identity.sync;

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

    /** Provider options, e.g. {@code {"repositoryPath": "/srv/git/app.git"}} for git. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> options;

    /** Seconds between scheduled runs (≥ 60); null: on demand only. */
    @Column(name = "schedule_interval_seconds")
    public Integer scheduleIntervalSeconds;

    @Column(name = "is_enabled", nullable = false)
    public boolean enabled;

    /** The last committed sync position (e.g. ref tips for git); moved only by a succeeded run. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> cursor;

    @Column(name = "created_by", updatable = false)
    public UUID createdBy;
}
