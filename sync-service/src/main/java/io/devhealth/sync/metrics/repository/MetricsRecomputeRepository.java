package io.devhealth.sync.metrics.repository;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.clickhouse.ClickHouseLiterals;
import io.devhealth.sync.metrics.MetricsException;

/**
 * {@code metrics_recomputes} (V11): every state change of a recomputation is a new row with a newer version; the
 * latest wins (read with FINAL). In ClickHouse rather than in memory so that every replica answers for every
 * recomputation and the record survives a restart.
 */
@ApplicationScoped
public class MetricsRecomputeRepository {

    private static final AtomicLong LAST_VERSION = new AtomicLong();

    private static final String INSERT = """
            INSERT INTO metrics_recomputes (org_id, recompute_id, from_day, to_day, time_zone, state, days_total,
                days_done, failure_reason, requested_by, requested_at, updated_at, version)
            SELECT {org:UUID}, {id:UUID}, {from:Date}, {to:Date}, {tz:String}, {state:String}, {total:UInt32},
                {done:UInt32}, {reason:String}, {by:String}, fromUnixTimestamp64Milli({requested:Int64}, 'UTC'),
                fromUnixTimestamp64Milli({updated:Int64}, 'UTC'), {version:UInt64}""";

    private static final String COLUMNS = """
            SELECT org_id, recompute_id, from_day, to_day, time_zone, state, days_total, days_done, failure_reason,
                requested_by, toUnixTimestamp64Milli(requested_at) AS requested,
                toUnixTimestamp64Milli(updated_at) AS updated
            FROM metrics_recomputes FINAL WHERE org_id = {org:UUID}""";

    private final Client client;

    MetricsRecomputeRepository(Client client) {
        this.client = client;
    }

    /** Stores {@code recompute} as its latest state. */
    public void save(MetricsRecompute recompute) {
        long version = LAST_VERSION.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        Map<String, Object> params = new HashMap<>();
        params.put("org", recompute.orgId().toString());
        params.put("id", recompute.id().toString());
        params.put("from", recompute.from().toString());
        params.put("to", recompute.to().toString());
        params.put("tz", recompute.timeZone());
        params.put("state", recompute.state());
        params.put("total", Integer.toString(recompute.daysTotal()));
        params.put("done", Integer.toString(recompute.daysDone()));
        params.put("reason", ClickHouseLiterals.string(recompute.failureReason() == null ? "" : recompute.failureReason()));
        params.put("by", ClickHouseLiterals.string(recompute.requestedBy() == null ? "" : recompute.requestedBy()));
        params.put("requested", Long.toString(recompute.requestedAt().toEpochMilli()));
        params.put("updated", Long.toString(recompute.updatedAt().toEpochMilli()));
        params.put("version", Long.toString(version));
        try {
            client.execute(INSERT, params, traced(new CommandSettings())).get(60, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while recording a metrics recomputation", e);
        } catch (Exception e) {
            throw new MetricsException("recording a metrics recomputation failed: " + e.getMessage(), e);
        }
    }

    /** The recomputation {@code id} of the organization, if any. */
    public Optional<MetricsRecompute> find(UUID orgId, UUID id) {
        return query(COLUMNS + " AND recompute_id = {id:UUID}", Map.of("org", orgId.toString(), "id", id.toString()))
                .stream().findFirst();
    }

    /** The organization's recomputations of exactly this range and zone that have not ended, newest first. */
    public List<MetricsRecompute> active(UUID orgId, LocalDate from, LocalDate to, String zone) {
        return query(COLUMNS + """
                 AND from_day = {from:Date} AND to_day = {to:Date} AND time_zone = {tz:String}
                  AND state IN ('queued', 'running') ORDER BY requested_at DESC""",
                Map.of("org", orgId.toString(), "from", from.toString(), "to", to.toString(), "tz", zone));
    }

    private List<MetricsRecompute> query(String sql, Map<String, Object> params) {
        try {
            return client.queryAll(sql, params, traced(new QuerySettings())).stream().map(MetricsRecomputeRepository::row).toList();
        } catch (RuntimeException e) {
            throw new MetricsException("reading metrics recomputations failed: " + e.getMessage(), e);
        }
    }

    private static MetricsRecompute row(GenericRecord row) {
        return new MetricsRecompute(UUID.fromString(row.getString("org_id")),
                UUID.fromString(row.getString("recompute_id")), row.getLocalDate("from_day"),
                row.getLocalDate("to_day"), row.getString("time_zone"), row.getString("state"),
                (int) row.getLong("days_total"), (int) row.getLong("days_done"), row.getString("failure_reason"),
                row.getString("requested_by"), Instant.ofEpochMilli(row.getLong("requested")),
                Instant.ofEpochMilli(row.getLong("updated")));
    }
}
