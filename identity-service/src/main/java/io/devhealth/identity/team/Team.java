package io.devhealth.identity.team;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * A team of an organization ({@code team_mappings}): people ({@link TeamMember}), the repositories it owns (glob
 * patterns over repository full names) and its Jira projects. V1's {@code members} column is superseded by
 * {@code team_members} and not mapped.
 */
@Entity
@Table(name = "team_mappings")
public class Team extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** Slug-like, unique within the organization. */
    @Column(name = "team_key", nullable = false, columnDefinition = "text")
    public String teamKey;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    /** Glob patterns over repository full names, e.g. {@code acme/payments-*} (see {@code RepositoryPattern}). */
    // "_text", PostgreSQL's internal name of text[]: the name the reactive schema validator compares against.
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "repo_patterns", nullable = false, columnDefinition = "_text")
    public String[] repositoryPatterns;

    /** Jira project keys, e.g. {@code PAY}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "project_keys", nullable = false, columnDefinition = "_text")
    public String[] jiraProjectKeys;

    /** The change-feed version of the transaction that last changed the team or its members. */
    @Column(name = "change_version", nullable = false)
    public long changeVersion;
}
