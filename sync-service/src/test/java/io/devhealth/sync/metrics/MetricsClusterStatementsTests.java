package io.devhealth.sync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.command.CommandSettings;

import io.devhealth.testengines.Engines;

/**
 * The metric computations on a cluster: subqueries answered per shard, foreground inserts (the next statement reads
 * them), stale rows deleted from every shard's local table — checked by ClickHouse's own parser and settings, as no
 * cluster runs here; one node keeps today's statements.
 */
class MetricsClusterStatementsTests {

    private static final String STALE = "org_id = {org:UUID} AND version < {computed:Int64} AND (repo_id, day) NOT IN"
            + " (SELECT repo_id, day FROM repo_metrics_daily WHERE org_id = {org:UUID} AND version = {computed:Int64})";

    @Test
    void oneNodeDeletesFromTheTableItselfWithNoSettings() {
        assertThat(MetricsStatements.delete("repo_metrics_daily", STALE, null))
                .isEqualTo("DELETE FROM repo_metrics_daily WHERE " + STALE);
        assertThat(MetricsStatements.settings(new CommandSettings(), false).getAllSettings().toString())
                .doesNotContain("distributed_");
    }

    @Test
    void aClusterDeletesFromEveryShardsLocalTableAndItsSubqueryReadsItToo() {
        String delete = MetricsStatements.delete("repo_metrics_daily", STALE, "devhealth");
        assertThat(delete).startsWith("DELETE FROM repo_metrics_daily_local ON CLUSTER devhealth WHERE ")
                .contains("FROM repo_metrics_daily_local WHERE").doesNotContain("repo_metrics_daily ");
        // ClickHouse's parser takes it as written (formatQuery: no cluster is needed to parse it).
        String formatted = Engines.clickhouse().query("default",
                "SELECT formatQuerySingleLine('" + delete.replace("'", "\\'") + "')");
        assertThat(formatted).contains("DELETE FROM repo_metrics_daily_local ON CLUSTER devhealth");
    }

    @Test
    void aClustersStatementsReadShardLocallyAndInsertInTheForeground() {
        String settings = MetricsStatements.settings(new CommandSettings(), true).getAllSettings().toString();
        assertThat(settings).contains("distributed_product_mode=local").contains("distributed_foreground_insert=1");
        // Both names and values are ones the engine knows (an unknown setting would fail every computation).
        assertThat(Engines.clickhouse().query("default", "SELECT getSetting('distributed_product_mode')"
                + " SETTINGS distributed_product_mode = 'local', distributed_foreground_insert = 1").strip())
                .isEqualTo("local");
    }
}
