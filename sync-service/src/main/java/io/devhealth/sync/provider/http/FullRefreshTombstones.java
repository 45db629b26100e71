package io.devhealth.sync.provider.http;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.sink.ClickHouseWriteException;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.Tombstones;

/**
 * The deletions a full refresh finds: after a scope (a repository, a project) was read whole and every row of it was
 * durably written with the run's version, its live rows with an older version are items the source no longer lists.
 * They are tombstoned inside ClickHouse ({@link Tombstones}), limited per table to what the refresh read (the backfill
 * window): a row outside it was not read, so its absence says nothing.
 */
@ApplicationScoped
public class FullRefreshTombstones {

    /** The scope condition every table's statement starts with. */
    static final String SCOPE = "org_id = {org:UUID} AND repo_id = {repo:UUID}";

    /** Window condition of a stream read by update time. */
    public static final String UPDATED_IN_WINDOW = "toUnixTimestamp64Milli(updated_at) >= {since:Int64}";

    /** Window condition of a stream read by creation time. */
    public static final String CREATED_IN_WINDOW = "toUnixTimestamp64Milli(created_at) >= {since:Int64}";

    /**
     * Window condition of rows read through their parent (a pull request's reviews): those whose parent has a row in
     * the window. Any version of the parent's row counts ({@code FINAL} would hide a parent tombstoned first).
     */
    public static String childrenOf(Table parent, String parentKey, String childKey, String parentWindow) {
        return childKey + " IN (SELECT " + parentKey + " FROM " + parent.name() + " WHERE " + SCOPE + " AND "
                + parentWindow + ")";
    }

    private final Client client;

    public FullRefreshTombstones(Client client) {
        this.client = client;
    }

    /**
     * Tombstones one scope's vanished rows.
     *
     * @param version  the run's version (every row the refresh wrote carries it)
     * @param since    the start of the refresh's window, or {@code null} when it read all history
     * @param windowed table → SQL condition selecting the rows the window covers, over the table's columns and the
     *                 parameters {@code {org:UUID}}, {@code {repo:UUID}} and {@code {since:Int64}} (epoch ms; 0 without
     *                 a window), e.g. {@code toUnixTimestamp64Milli(updated_at) >= {since:Int64}}
     * @return rows tombstoned per table name (tables without any left out)
     * @throws ClickHouseWriteException a statement failed (the run fails; the next full refresh tries again)
     */
    public Map<String, Long> tombstone(UUID orgId, UUID repoId, long version, Instant since,
            Map<Table, String> windowed) {
        return tombstone(SCOPE, Map.of("org", orgId.toString(), "repo", repoId.toString()), version, since, windowed);
    }

    /**
     * Tombstones the vanished rows of a scope that is not a repository (a Jira configuration's issues).
     *
     * @param scope       SQL condition selecting the scope's rows, over the table's columns and {@code scopeParams}
     *                    (e.g. {@code org_id = {org:UUID} AND sync_configuration_id = {configuration:UUID}})
     * @param scopeParams its query parameters; {@code version} and {@code since} are added (see {@link #tombstone})
     */
    public Map<String, Long> tombstone(String scope, Map<String, String> scopeParams, long version, Instant since,
            Map<Table, String> windowed) {
        Map<String, Object> params = new LinkedHashMap<>(scopeParams);
        params.put("version", Long.toString(version));
        params.put("since", Long.toString(since == null ? 0 : since.toEpochMilli()));
        Map<String, Long> tombstoned = new LinkedHashMap<>();
        for (var entry : windowed.entrySet()) {
            Table table = entry.getKey();
            // Nothing older in the whole scope (its first full sync): no window subquery, no FINAL merge to know it.
            if (count(Tombstones.anyOlderThanVersion(table, scope), params, table.name()) == 0) {
                continue;
            }
            String condition = scope + " AND (" + entry.getValue() + ")";
            long rows = count(Tombstones.countOlderThanVersion(table, condition), params, table.name());
            if (rows > 0) {
                execute(Tombstones.olderThanVersion(table, condition), params, table.name());
                tombstoned.put(table.name(), rows);
            }
        }
        return tombstoned;
    }

    /**
     * Ends a full refresh once every row of the run is written: tombstones each refreshed scope's vanished rows (see
     * {@link #tombstone}) and adds {@code fullRefresh} = 1 and {@code tombstoned.<table>} (summed over the scopes) to
     * {@code counts}.
     */
    public void finishFullRefresh(UUID orgId, Collection<UUID> repoIds, long version, Instant since,
            Map<Table, String> windowed, Map<String, Long> counts) {
        counts.put("fullRefresh", 1L);
        for (UUID repoId : repoIds) {
            tombstone(orgId, repoId, version, since, windowed)
                    .forEach((table, rows) -> counts.merge("tombstoned." + table, rows, Long::sum));
        }
    }

    /** {@link #finishFullRefresh} for one scope that is not a repository (see {@link #tombstone(String, Map, long,
     * Instant, Map)}). */
    public void finishFullRefresh(String scope, Map<String, String> scopeParams, long version, Instant since,
            Map<Table, String> windowed, Map<String, Long> counts) {
        counts.put("fullRefresh", 1L);
        tombstone(scope, scopeParams, version, since, windowed)
                .forEach((table, rows) -> counts.merge("tombstoned." + table, rows, Long::sum));
    }

    private long count(String sql, Map<String, Object> params, String table) {
        try {
            return client.queryAll(sql, params, traced(new QuerySettings())).getFirst().getLong("rows");
        } catch (RuntimeException e) {
            throw new ClickHouseWriteException("counting the vanished rows of " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void execute(String sql, Map<String, Object> params, String table) {
        try {
            client.execute(sql, params, traced(new CommandSettings())).get(300, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException("interrupted while tombstoning " + table, e);
        } catch (ExecutionException e) {
            throw new ClickHouseWriteException("tombstoning " + table + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new ClickHouseWriteException("tombstoning " + table + " timed out", e);
        } catch (Exception e) {
            throw new ClickHouseWriteException("tombstoning " + table + " failed: " + e.getMessage(), e);
        }
    }
}
