package io.devhealth.sync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The real insert retry path: the CDI {@link BatchInserter} (its {@code @Retry} interceptor, its classification of
 * failures) against the real engine behind a proxy that loses the answer of one insert after it landed. The retry
 * must re-send the same bytes with the same {@code insert_deduplication_token}, and ClickHouse must drop it.
 */
@QuarkusTest
@TestProfile(BatchInserterRetryTests.ThroughLosingProxy.class)
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class BatchInserterRetryTests {

    /** Points the service's ClickHouse client (not Flyway's JDBC datasource) at the proxy. */
    public static final class ThroughLosingProxy implements QuarkusTestProfile {

        static volatile LosingProxy proxy;

        static synchronized LosingProxy proxy() {
            if (proxy == null) {
                try {
                    proxy = new LosingProxy(URI.create(Engines.clickhouse().url() + "/"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return proxy;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxyResource.class));
        }
    }

    /**
     * Runs after {@link ClickHouseTestResource} (higher order) so its URL wins; the database and credentials stay
     * the global resource's.
     */
    public static final class ProxyResource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("devhealth.clickhouse.url", ThroughLosingProxy.proxy().url());
        }

        @Override
        public void stop() {
            // the proxy lives as long as the JVM's test run
        }

        @Override
        public int order() {
            return 1000;
        }
    }

    @Inject
    ClickHouseSink sink;
    @Inject
    ClickHouseConfig clickhouse;

    @Test
    void aRetriedInsertResendsTheSameBytesAndTokenAndClickHouseDropsIt() {
        LosingProxy proxy = ThroughLosingProxy.proxy();
        assertThat(clickhouse.url()).as("the service writes through the proxy").isEqualTo(proxy.url());
        UUID org = UUID.randomUUID();
        proxy.clear();
        proxy.loseNextAnswerTo(Table.REPOS.name());

        try (SinkSession session = sink.open(System.currentTimeMillis(), org + "/retry")) {
            try (TableBatcher repos = session.batcher(Table.REPOS)) {
                for (int i = 0; i < 3; i++) {
                    UUID repo = UUID.randomUUID();
                    repos.row().uuid(org).uuid(repo).string("git").string("repo-" + i).string("/r/" + i).string("main")
                            .nullableUuid(null).dateTime64Millis(System.currentTimeMillis()).uint8(0).uint64(1);
                    repos.endRow(repo.toString());
                }
            }
            session.finish();
        }

        List<LosingProxy.Insert> inserts = proxy.inserts().stream()
                .filter(insert -> insert.table().equals(Table.REPOS.name())).toList();
        assertThat(inserts).hasSize(2);
        assertThat(inserts.get(0).answered()).as("first answer lost").isEqualTo(503);
        assertThat(inserts.get(1).answered()).isEqualTo(200);
        assertThat(inserts.get(1).token()).isNotBlank().isEqualTo(inserts.get(0).token());
        assertThat(inserts.get(1).bodySha256()).isEqualTo(inserts.get(0).bodySha256());
        // Both landed at the server; the token made ClickHouse keep one (raw count, no FINAL, no merge needed).
        String count = Engines.clickhouse().queryWithParams(clickhouse.database(),
                "SELECT count() FROM repos WHERE org_id = {org:UUID}", Map.of("org", org.toString())).strip();
        assertThat(count).isEqualTo("3");
    }
}
