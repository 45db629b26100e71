package io.devhealth.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        assertThat(ClickHouseQueries.readSettings(Optional.empty())).isEqualTo("\nSETTINGS final = 1");
        assertThat(ClickHouseQueries.readSettings(Optional.of(" "))).isEqualTo("\nSETTINGS final = 1");
        String cluster = ClickHouseQueries.readSettings(Optional.of("devhealth"));
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

    @Test
    void jsonArraysAreValidJsonOfTheAliasesWithTheReadPolicyAndServerSideParameters() throws Exception {
        String hostile = "it's \\' OR 1=1 -- {x:String} ? a/b é\t\n\\n\r";
        UUID id = UUID.randomUUID();
        JsonRows rows = queries.jsonArray("""
                SELECT {text:String} AS text, {id:UUID} AS id, {day:Date} + 1 AS nextDay,
                       toUInt64(18446744073709551615) AS big, unhex('C328') AS broken,
                       getSetting('final') AS finalReads, getSetting('max_execution_time') AS timeout""",
                Map.of("text", hostile, "id", id, "day", LocalDate.parse("2024-02-28")));

        ObjectMapper json = new ObjectMapper();
        JsonNode row = json.readTree(rows.array()).get(0);
        assertThat(rows.isEmpty()).isFalse();
        assertThat(row.get("text").asText()).isEqualTo(hostile);
        assertThat(new String(rows.array(), StandardCharsets.UTF_8)).contains("a/b");
        assertThat(row.get("id").asText()).isEqualTo(id.toString());
        assertThat(row.get("nextDay").asText()).isEqualTo("2024-02-29");
        // 64-bit integers as JSON numbers, not quoted strings.
        assertThat(row.get("big").isNumber()).isTrue();
        assertThat(row.get("big").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        // Invalid UTF-8 in a String column is replaced: the answer stays valid JSON.
        assertThat(row.get("broken").asText()).isEqualTo("\uFFFD(");
        assertThat(row.get("finalReads").asBoolean()).isTrue();
        assertThat(row.get("timeout").asDouble()).isEqualTo(30);

        JsonRows none = queries.jsonArray("SELECT number AS n FROM numbers(0)", Map.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(json.readTree(none.array()).isArray()).isTrue();
        assertThat(none.asLastMemberOf(json, new LinkedHashMap<>(Map.of("a", 1)), "items"))
                .asString(StandardCharsets.UTF_8).matches("\\{\"a\":1,\"items\":\\[\\s*]}");
        assertThat(none.asLastMemberOf(json, new LinkedHashMap<>(), "items"))
                .asString(StandardCharsets.UTF_8).matches("\\{\"items\":\\[\\s*]}");
    }

    @Test
    void aLongReadWithoutBlockingArrivesWholeAndEqualToTheBlockingRead() throws Exception {
        // About 1.3 MB: many chunks on the wire, assembled into one array.
        String sql = "SELECT number AS n, repeat(char(65 + number % 26), 200) AS text FROM numbers({rows:UInt32})";
        Map<String, Object> parameters = Map.of("rows", 6000);
        byte[] blocking = queries.jsonArray(sql, parameters).array();
        byte[] nonBlocking = queries.jsonArrayAsync(sql, parameters).await().atMost(Duration.ofSeconds(30)).array();

        assertThat(nonBlocking).hasSizeGreaterThan(1_000_000).isEqualTo(blocking);
        JsonNode rows = new ObjectMapper().readTree(nonBlocking);
        assertThat(rows.size()).isEqualTo(6000);
        assertThat(rows.get(5999).get("n").asLong()).isEqualTo(5999);
        assertThat(rows.get(5999).get("text").asText()).isEqualTo("T".repeat(200)); // char(65 + 5999 % 26)
        JsonNode enveloped = new ObjectMapper().readTree(new JsonRows(nonBlocking)
                .asLastMemberOf(new ObjectMapper(), new LinkedHashMap<>(Map.of("from", "2025-01-01")), "items"));
        assertThat(enveloped.get("from").asText()).isEqualTo("2025-01-01");
        assertThat(enveloped.get("items")).isEqualTo(rows);
    }
}
