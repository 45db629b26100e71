package io.devhealth.identity.people;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An organization's change-feed counter ({@code change_feed_versions}). A transaction that changes people,
 * identities or teams holds this row locked from its start (see {@code ChangeFeed#lock}), so those transactions
 * serialize per organization and commit in version order: a reader that saw version V has seen every change up
 * to V.
 */
@Entity
@Table(name = "change_feed_versions")
public class ChangeFeedVersion extends PanacheEntityBase {

    @Id
    @Column(name = "organization_id")
    public UUID organizationId;

    /** The version of the last committed change; 0 before the first. */
    @Column(nullable = false)
    public long version;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Transient
    private boolean bumped;

    /**
     * The version this transaction's changes carry: the committed version + 1, taken on the first call (the
     * counter is written when the transaction flushes). A transaction that never calls this leaves the counter
     * as it was, so a request that changes nothing does not move the feed.
     */
    public long next() {
        if (!bumped) {
            version++;
            bumped = true;
        }
        return version;
    }

    /** Whether this transaction took a version ({@link #next()}). */
    public boolean changed() {
        return bumped;
    }
}
