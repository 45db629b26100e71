package io.devhealth.sync.provider.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.devhealth.testengines.Engines;

/**
 * What ClickHouse holds for one organization, comparable across organizations: per table with an {@code org_id}, the
 * FINAL row count and a checksum of every column that does not name the org, its configuration or the run (UUIDs,
 * versions, sync and computation times). Two runs of the same data into two organizations hold equal contents.
 */
public final class StoredRows {

    private StoredRows() {
    }

    /** Table → "{@code <rows>\t<checksum>}", for the tables holding rows of {@code org}. */
    public static Map<String, String> of(String database, UUID org) {
        Map<String, String> contents = new TreeMap<>();
        for (String table : tables(database, org)) {
            String columns = query(database, org, "SELECT arrayStringConcat(groupArray(concat('`', name, '`')), ', ')"
                    + " FROM system.columns WHERE database = currentDatabase() AND table = '" + table + "'"
                    + " AND type NOT LIKE '%UUID%'"
                    + " AND name NOT IN ('version', 'synced_at', 'computed_at', 'ingested_at', 'updated_at_version')");
            String summary = query(database, org, "SELECT count(), sum(cityHash64(" + columns + ")) FROM `" + table
                    + "` FINAL WHERE org_id = {org:UUID}");
            if (!summary.startsWith("0\t")) {
                contents.put(table, summary);
            }
        }
        return contents;
    }

    /**
     * Tables where {@code org} has more raw rows than FINAL ones: rows written twice (table → raw − FINAL). Meaningful
     * while merges are stopped ({@link #merges}): a background merge would collapse a duplicate and hide it.
     */
    public static Map<String, Long> duplicates(String database, UUID org) {
        Map<String, Long> duplicates = new TreeMap<>();
        for (String table : tables(database, org)) {
            String counts = query(database, org, "SELECT (SELECT count() FROM `" + table + "` WHERE org_id = {org:UUID}),"
                    + " (SELECT count() FROM `" + table + "` FINAL WHERE org_id = {org:UUID})");
            String[] rawAndFinal = counts.split("\t");
            long extra = Long.parseLong(rawAndFinal[0]) - Long.parseLong(rawAndFinal[1]);
            if (extra != 0) {
                duplicates.put(table, extra);
            }
        }
        return duplicates;
    }

    /** {@code SYSTEM STOP MERGES} ({@code start} false) or {@code START MERGES} on every table with an {@code org_id}. */
    public static void merges(String database, boolean start) {
        for (String table : tables(database, null)) {
            Engines.clickhouse().execute(database, "SYSTEM " + (start ? "START" : "STOP") + " MERGES `" + table + "`");
        }
    }

    private static String[] tables(String database, UUID org) {
        return query(database, org == null ? new UUID(0, 0) : org, "SELECT arrayStringConcat(groupUniqArray(table), ',')"
                + " FROM system.columns WHERE database = currentDatabase() AND name = 'org_id' AND table IN (SELECT name"
                + " FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree%')").split(",");
    }

    private static String query(String database, UUID org, String sql) {
        return Engines.clickhouse().queryWithParams(database, sql, Map.of("org", org.toString())).strip();
    }
}
