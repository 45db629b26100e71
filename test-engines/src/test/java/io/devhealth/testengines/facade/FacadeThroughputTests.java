package io.devhealth.testengines.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rough figures for the facade on this machine, printed to the test output (no timing assertions: shared CI
 * machines vary); each test still checks its results.
 */
class FacadeThroughputTests {

  static Facade facade;

  @BeforeAll
  static void start() {
    facade = Facade.startFresh("throughput");
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.stop();
    }
  }

  @Test
  void jdbcBatchInsertOf50kRows() throws Exception {
    try (Connection connection = FacadeJdbcTests.connect(facade, "default"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE tp_jdbc (id UInt64, at DateTime64(3, 'UTC'), author String, tags Array(String), "
          + "repo UUID, kind LowCardinality(String), lines Nullable(UInt32)) ENGINE = MergeTree ORDER BY id");
      Instant base = Instant.parse("2025-06-01T00:00:00Z");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tp_jdbc VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        long started = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
          insert.setLong(1, i);
          insert.setTimestamp(2, Timestamp.from(base.plusSeconds(i)));
          insert.setString(3, "author-" + (i % 97) + "@example.com");
          insert.setArray(4, connection.createArrayOf("String", new Object[] {"feat", "t" + (i % 13)}));
          insert.setObject(5, new UUID(7, i % 50));
          insert.setString(6, i % 2 == 0 ? "commit" : "merge");
          insert.setObject(7, i % 10 == 0 ? null : i % 500);
          insert.addBatch();
        }
        insert.executeBatch();
        report("JDBC PreparedStatement batch insert, 50k rows (7 columns)", started);
      }
      try (ResultSet rs = statement.executeQuery("SELECT count(), countIf(lines IS NULL), uniqExact(repo) FROM tp_jdbc")) {
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsExactly(50_000L, 5_000L, 50L);
      }
    }
  }

  @Test
  void clientV2RowBinaryInsertOf50kRows() throws Exception {
    try (Client client = FacadeClientV2Tests.newClient(facade)) {
      client.execute(FacadeClientV2Tests.EVENTS_DDL.formatted("tp_rowbinary")).get(60, TimeUnit.SECONDS).close();
      List<FacadeClientV2Tests.Event> events = FacadeClientV2Tests.events(50_000);
      byte[] data = FacadeClientV2Tests.rowBinary(events);
      long started = System.nanoTime();
      try (InsertResponse response = client.insert("tp_rowbinary", new ByteArrayInputStream(data), ClickHouseFormat.RowBinary)
          .get(60, TimeUnit.SECONDS)) {
        report("client-v2 RowBinary stream insert, 50k rows (" + data.length / 1024 + " KiB)", started);
        assertThat(response.getWrittenRows()).isEqualTo(50_000);
      }
      started = System.nanoTime();
      List<FacadeClientV2Tests.Event> read = FacadeClientV2Tests.readEvents(client, "SELECT * FROM tp_rowbinary ORDER BY id");
      report("client-v2 RowBinaryWithNamesAndTypes read, 50k rows", started);
      assertThat(read).isEqualTo(events);
    }
  }

  @Test
  void trivialSelectsPerSecond() {
    int requests = 1_000;
    long started = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      assertThat(facade.sql("SELECT {i:UInt32}", "param_i=" + i)).isEqualTo(i + "\n");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("[facade figures] trivial SELECT over HTTP, one client: %d requests in %.2f s = %.0f req/s%n",
        requests, seconds, requests / seconds);
  }

  private static void report(String what, long startedNanos) {
    System.out.printf("[facade figures] %s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
