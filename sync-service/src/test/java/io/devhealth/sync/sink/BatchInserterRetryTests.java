package io.devhealth.sync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.clickhouse.ClickHouseClients;
import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real insert retry path: a CDI {@link BatchInserter} (its {@code @Retry} interceptor, its classification of
 * failures) against the real engine behind a proxy that loses the answer of one insert after it landed. The retry
 * must re-send the same bytes with the same {@code insert_deduplication_token}, and ClickHouse must drop it.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class BatchInserterRetryTests {

    static final LosingProxy PROXY = start();

    private static LosingProxy start() {
        try {
            return new LosingProxy(URI.create(Engines.clickhouse().url() + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The service's BatchInserter (same class, same interceptors, a bean of its own type) whose client writes
     * through {@link #PROXY}. A bean rather than a test profile: the suite's global resources start once.
     */
    @Singleton
    @Typed(ProxiedBatchInserter.class)
    static class ProxiedBatchInserter extends BatchInserter {

        @Inject
        ProxiedBatchInserter(ClickHouseConfig clickhouse, SinkConfig config) {
            super(ClickHouseClients.create(PROXY.url(), clickhouse.database(), clickhouse.username(),
                    clickhouse.password(), false), config);
        }
    }

    @Inject
    ProxiedBatchInserter inserter;
    @Inject
    SinkConfig sinkConfig;
    @Inject
    ClickHouseConfig clickhouse;

    @Test
    void aRetriedInsertResendsTheSameBytesAndTokenAndClickHouseDropsIt() {
        UUID org = UUID.randomUUID();
        PROXY.clear();
        PROXY.loseNextAnswerTo(Table.REPOS.name());

        try (SinkSession session = new ClickHouseSink(inserter, sinkConfig).open(System.currentTimeMillis(),
                org + "/retry")) {
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

        List<LosingProxy.Insert> inserts = PROXY.inserts().stream()
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
