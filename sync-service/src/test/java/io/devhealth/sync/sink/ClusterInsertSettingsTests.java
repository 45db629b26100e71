package io.devhealth.sync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.insert.InsertSettings;

import io.devhealth.testengines.Engines;

/** The insert settings of a batch on one node and on a cluster (Distributed tables), known to ClickHouse. */
class ClusterInsertSettingsTests {

    private final Batch batch = new Batch(null, null, 0, "commits-1733212800000-0");

    @Test
    void singleNodeInsertsKeepTodaysSettings() {
        Map<String, Object> settings = BatchInserter.settings(batch, false).getAllSettings();
        assertThat(settings.toString()).contains("commits-1733212800000-0").contains("insert_deduplicate")
                .contains("optimize_on_insert=0").doesNotContain("distributed_foreground_insert");
        assertThat(Engines.clickhouse().query("default", "SELECT 1 SETTINGS optimize_on_insert = 0").strip())
                .isEqualTo("1");
    }

    @Test
    void clusterInsertsForwardEachShardsPartBeforeAnswering() {
        InsertSettings settings = BatchInserter.settings(batch, true);
        assertThat(settings.getAllSettings().toString()).contains("distributed_foreground_insert=1")
                .contains("commits-1733212800000-0");
        // The setting's name is one the engine knows (an unknown setting fails every insert).
        assertThat(Engines.clickhouse().query("default", "SELECT 1 SETTINGS distributed_foreground_insert = 1").strip())
                .isEqualTo("1");
    }
}
