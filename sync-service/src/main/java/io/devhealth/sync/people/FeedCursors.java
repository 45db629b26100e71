package io.devhealth.sync.people;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.sink.ClickHouseWriteException;

/**
 * The identity feed versions sync-service applied completely, per organization and feed
 * ({@code identity_feed_cursors}, migrations/clickhouse/V2__people.sql). Kept in ClickHouse next to the rows they
 * describe, so every replica sees the same cursors and a restored ClickHouse re-reads what it lost.
 */
@ApplicationScoped
class FeedCursors {

    /** The tables holding an organization's copy of identity's people, teams and incident link corrections. */
    private static final List<String> COPIED_TABLES = List.of("people", "person_identities", "teams",
            "incident_link_corrections", "identity_feed_cursors");

    private final Client client;

    FeedCursors(Client client) {
        this.client = client;
    }

    /** Every organization's applied versions: organization → feed name → version. */
    Map<UUID, Map<String, Long>> all() {
        Map<UUID, Map<String, Long>> cursors = new HashMap<>();
        for (GenericRecord row : query("""
                SELECT org_id, feed, argMax(version, applied_at) AS version
                FROM identity_feed_cursors GROUP BY org_id, feed""", Map.of())) {
            cursors.computeIfAbsent(row.getUUID("org_id"), org -> new HashMap<>())
                    .put(row.getString("feed"), row.getLong("version"));
        }
        return cursors;
    }

    /** Records that the organization's {@code feed} is applied up to {@code version}. */
    void save(UUID orgId, String feed, long version) {
        execute("""
                INSERT INTO identity_feed_cursors (org_id, feed, version, applied_at)
                SELECT {org:UUID}, {feed:String}, {version:UInt64}, now64(3)""",
                Map.of("org", orgId.toString(), "feed", feed, "version", Long.toString(version)));
    }

    /**
     * Deletes the organization's copy of people, identities and teams and its cursors: after a feed reset the
     * versions start lower than the rows already copied, which would otherwise win every merge.
     */
    void forget(UUID orgId) {
        for (String table : COPIED_TABLES) {
            execute("DELETE FROM " + table + " WHERE org_id = {org:UUID}", Map.of("org", orgId.toString()));
        }
    }

    List<GenericRecord> query(String sql, Map<String, Object> parameters) {
        try {
            return client.queryAll(sql, parameters, traced(new QuerySettings()));
        } catch (RuntimeException e) {
            throw new ClickHouseWriteException("reading the people tables failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql, Map<String, Object> parameters) {
        try {
            client.execute(sql, parameters, traced(new CommandSettings())).get(60, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException("interrupted while writing the people tables", e);
        } catch (Exception e) {
            throw new ClickHouseWriteException("writing the people tables failed: " + e.getMessage(), e);
        }
    }
}
