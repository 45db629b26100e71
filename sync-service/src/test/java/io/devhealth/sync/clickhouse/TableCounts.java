package io.devhealth.sync.clickhouse;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.devhealth.testengines.Engines;

/** Row counts of an organization's live rows (FINAL, tombstones dropped) in the test ClickHouse. */
public final class TableCounts {

    private TableCounts() {
    }

    /** Table → the organization's live rows in it. */
    public static Map<String, Long> live(String database, UUID org, Collection<String> tables) {
        Map<String, Long> counts = new HashMap<>();
        for (String table : tables) {
            counts.put(table, Long.parseLong(Engines.clickhouse().queryWithParams(database,
                    "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}", Map.of("org", org.toString()))
                    .strip()));
        }
        return counts;
    }
}
