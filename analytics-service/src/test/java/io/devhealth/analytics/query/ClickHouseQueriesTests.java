package io.devhealth.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The read policy as ClickHouse sees it, statement by statement. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class ClickHouseQueriesTests {

    @Inject
    ClickHouseQueries queries;

    @Test
    void everyStatementRunsWithFinalAndTheConfiguredTimeout() {
        record Settings(boolean finalReads, double timeoutSeconds) {
        }
        Settings settings = queries.list(
                "SELECT getSetting('final') AS final, getSetting('max_execution_time') AS timeout",
                row -> new Settings(row.getBoolean("final"), row.getDouble("timeout"))).getFirst();
        // devhealth.analytics.query-timeout defaults to 30s.
        assertThat(settings).isEqualTo(new Settings(true, 30));
    }

    @Test
    void onAClusterSubqueriesAreAnsweredByEachShardsLocalTables() {
        assertThat(ClickHouseQueries.readSettings(java.util.Optional.empty())).isEqualTo("\nSETTINGS final = 1");
        assertThat(ClickHouseQueries.readSettings(java.util.Optional.of(" "))).isEqualTo("\nSETTINGS final = 1");
        String cluster = ClickHouseQueries.readSettings(java.util.Optional.of("devhealth"));
        // ClickHouse accepts the clause as written (a misspelt setting or value would be refused).
        String applied = io.devhealth.testengines.Engines.clickhouse().query("default",
                "SELECT getSetting('distributed_product_mode'), getSetting('final')" + cluster);
        assertThat(applied.strip()).isEqualTo("local\ttrue");
    }

    @Test
    void parametersArriveAsValuesNotSql() {
        String hostile = "it's \\' OR 1=1 -- {x:String} ?";
        UUID id = UUID.randomUUID();
        String echoed = queries.list("SELECT ? AS text, toUUID(?) AS id, toDate(?) + 1 AS next_day",
                row -> row.getString("text") + "|" + row.getObject("id", UUID.class) + "|"
                        + row.getObject("next_day", LocalDate.class),
                hostile, id, LocalDate.parse("2024-02-28")).getFirst();
        assertThat(echoed).isEqualTo(hostile + "|" + id + "|2024-02-29");
    }
}
