package io.devhealth.sync.job.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityClients;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.job.Polling;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;
import io.devhealth.sync.sink.WriteFence;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A replica whose heartbeats cannot reach identity-service (nothing listens at its address) stops writing to
 * ClickHouse before its lease can expire: the heartbeat is the run's {@link WriteFence}, checked before every insert.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class RunHeartbeatFenceTests {

    private static final int LEASE_SECONDS = 3;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Inject
    ClickHouseSink sink;
    @Inject
    ClickHouseConfig clickhouse;

    @Test
    void writesStopBeforeTheLeaseCanExpireWhenIdentityIsUnreachable() {
        IdentityClient unreachable = IdentityClients.at(URI.create("http://127.0.0.1:9"));
        UUID org = UUID.randomUUID();
        long claimed = System.nanoTime();
        try (RunHeartbeat heartbeat = RunHeartbeat.start(unreachable, UUID.randomUUID(), "fenced-holder", LEASE_SECONDS,
                INTERVAL, INTERVAL, () -> { })) {
            // Just claimed: writes go through.
            writeRepoRow(heartbeat, org);
            assertThat(repoRows(org)).isEqualTo(1);

            while (closedReason(heartbeat) == null) {
                assertThat(System.nanoTime() - claimed).as("the fence closes before the lease expires")
                        .isLessThan(TimeUnit.SECONDS.toNanos(LEASE_SECONDS));
                Polling.pause();
            }
            long closedAfter = System.nanoTime() - claimed;
            // Not before a renewal was due twice (one interval of margin before the lease's end).
            assertThat(closedAfter).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(LEASE_SECONDS) - INTERVAL.toNanos());
            assertThat(closedReason(heartbeat)).startsWith("stopped writing: the lease of sync run ")
                    .contains("identity-service unreachable?");

            // A batch after that is refused before it is sent.
            assertThatThrownBy(() -> writeRepoRow(heartbeat, org)).isInstanceOf(WriteFence.FencedWriteException.class);
            assertThat(repoRows(org)).isEqualTo(1);
        }
    }

    private void writeRepoRow(WriteFence fence, UUID org) {
        try (SinkSession session = sink.open(System.currentTimeMillis(), org + "/fence", fence)) {
            try (TableBatcher repos = session.batcher(Table.REPOS)) {
                UUID repo = UUID.randomUUID();
                repos.row().uuid(org).uuid(repo).string("git").string("fenced").string("/fenced").string("main")
                        .nullableUuid(null).dateTime64Millis(System.currentTimeMillis()).uint8(0).uint64(1);
                repos.endRow(repo.toString());
            }
            session.finish();
        }
    }

    private static String closedReason(WriteFence fence) {
        try {
            fence.check();
            return null;
        } catch (WriteFence.FencedWriteException e) {
            return e.getMessage();
        }
    }

    private long repoRows(UUID org) {
        return Long.parseLong(Engines.clickhouse().queryWithParams(clickhouse.database(),
                "SELECT count() FROM repos WHERE org_id = {org:UUID}", Map.of("org", org.toString())).strip());
    }
}
