package io.devhealth.sync.sink;

import java.util.stream.Collectors;

/**
 * Tombstones written inside ClickHouse: {@code INSERT INTO t (…) SELECT …, 1, {version} FROM t FINAL WHERE …} copies
 * every live row a computation or a full refresh did not write again (its version is older) as a deleted row with the
 * new version, so {@code FINAL} reads drop it; no row travels through the service.
 *
 * <p>The column list is explicit on both sides: ClickHouse 26.7 inserts nothing for the equivalent
 * {@code SELECT * REPLACE (1 AS is_deleted, …)} from the same table (seen on the chdb engine; the explicit form works).
 */
public final class Tombstones {

    private Tombstones() {
    }

    /**
     * The statement tombstoning the live rows of {@code table} older than the query parameter {@code version}
     * (UInt64) that match {@code condition} (SQL over the table's columns with query parameters only, e.g.
     * {@code org_id = {org:UUID} AND repo_id = {repo:UUID}}).
     */
    public static String olderThanVersion(Table table, String condition) {
        String columns = String.join(", ", table.columns());
        String values = table.columns().stream()
                .map(column -> switch (column) {
                    case "is_deleted" -> "1";
                    case "version" -> "{version:UInt64}";
                    default -> column;
                })
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table.name() + " (" + columns + ") SELECT " + values + liveOlderRows(table, condition);
    }

    /** How many rows {@link #olderThanVersion} would tombstone (a result, where an insert's count may be missing). */
    public static String countOlderThanVersion(Table table, String condition) {
        return "SELECT count() AS rows" + liveOlderRows(table, condition);
    }

    /**
     * Whether any row of {@code table} matching {@code condition} is older than {@code version}, in any part and any
     * state (1 or 0 in column {@code rows}): one primary-key range read without {@code FINAL}, stopping at the first
     * row found. A live older row is one of them, so 0 means {@link #olderThanVersion} has nothing to do, which is
     * what the first full sync of a scope finds without merging every part of the scope ({@code FINAL}) to count.
     */
    public static String anyOlderThanVersion(Table table, String condition) {
        return "SELECT count() AS rows FROM (SELECT 1 FROM " + table.name() + " WHERE version < {version:UInt64} AND ("
                + condition + ") LIMIT 1)";
    }

    private static String liveOlderRows(Table table, String condition) {
        return " FROM " + table.name() + " FINAL WHERE is_deleted = 0 AND version < {version:UInt64} AND (" + condition
                + ")";
    }
}
