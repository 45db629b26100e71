package io.devhealth.testengines.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade as com.clickhouse:clickhouse-jdbc (0.9.9) uses it: what our ClickHouse writers and readers do. */
class FacadeJdbcTests {

  static Facade facade;

  @BeforeAll
  static void start() {
    facade = Facade.startFresh("jdbc");
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.stop();
    }
  }

  static Connection connect(String database) throws SQLException {
    return connect(facade, database);
  }

  static Connection connect(Facade facade, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "default");
    properties.setProperty("password", Facade.PASSWORD);
    return DriverManager.getConnection(facade.jdbcUrl(database), properties);
  }

  @Test
  void connectsAndReportsTheEngineVersion() throws SQLException {
    try (Connection connection = connect("default"); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version() AS server_version, timezone(), currentDatabase()")) {
      assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("26.7");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("26.7.");
      assertThat(rs.getString(2)).isEqualTo("UTC");
      assertThat(rs.getString(3)).isEqualTo("default");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void databaseInTheUrlIsTheCurrentDatabase() throws SQLException {
    try (Connection connection = connect("default"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS jdbc_db");
      statement.execute("CREATE TABLE IF NOT EXISTS jdbc_db.marker (v String) ENGINE = MergeTree ORDER BY v");
      statement.execute("INSERT INTO jdbc_db.marker VALUES ('here')");
    }
    try (Connection connection = connect("jdbc_db"); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT currentDatabase(), v FROM marker")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("jdbc_db");
      assertThat(rs.getString(2)).isEqualTo("here");
    }
  }

  record Row(long id, Instant at, String nullableText, Long nullableNumber, List<String> tags, UUID uuid, String kind,
      double score, String text) {}

  @Test
  void preparedStatementBatchOf20kRowsReadsBackExactly() throws SQLException {
    try (Connection connection = connect("default"); Statement statement = connection.createStatement()) {
      statement.execute("""
          CREATE TABLE batch_t (
            id UInt64, at DateTime64(3, 'UTC'), nullable_text Nullable(String), nullable_number Nullable(Int64),
            tags Array(String), uuid UUID, kind LowCardinality(String), score Float64, text String
          ) ENGINE = MergeTree ORDER BY id""");

      List<Row> rows = new ArrayList<>();
      Instant base = Instant.parse("2024-02-29T23:59:58.123Z");
      String[] kinds = {"commit", "pull_request", "deployment"};
      for (int i = 0; i < 20_000; i++) {
        rows.add(new Row(i, base.plusMillis(i * 1_001L), i % 3 == 0 ? null : "text " + i + " 'q' \\ \n é",
            i % 5 == 0 ? null : (long) i * -7919, i % 4 == 0 ? List.of() : List.of("t" + i, "it's", "[x]"),
            new UUID(i, ~i), kinds[i % kinds.length], i / 7.0, "row,\t" + i));
      }

      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO batch_t (id, at, nullable_text, nullable_number, tags, uuid, kind, score, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Row row : rows) {
          insert.setLong(1, row.id());
          insert.setTimestamp(2, Timestamp.from(row.at()));
          if (row.nullableText() == null) {
            insert.setNull(3, Types.VARCHAR);
          } else {
            insert.setString(3, row.nullableText());
          }
          if (row.nullableNumber() == null) {
            insert.setNull(4, Types.BIGINT);
          } else {
            insert.setLong(4, row.nullableNumber());
          }
          insert.setArray(5, connection.createArrayOf("String", row.tags().toArray()));
          insert.setObject(6, row.uuid());
          insert.setString(7, row.kind());
          insert.setDouble(8, row.score());
          insert.setString(9, row.text());
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        assertThat(counts).hasSize(rows.size());
      }

      List<Row> read = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery(
          "SELECT id, at, nullable_text, nullable_number, tags, uuid, kind, score, text FROM batch_t ORDER BY id")) {
        while (rs.next()) {
          long number = rs.getLong(4);
          Long nullableNumber = rs.wasNull() ? null : number;
          Array tags = rs.getArray(5);
          read.add(new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), nullableNumber,
              Arrays.stream((Object[]) tags.getArray()).map(String.class::cast).toList(), rs.getObject(6, UUID.class),
              rs.getString(7), rs.getDouble(8), rs.getString(9)));
        }
      }
      assertThat(read).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(read.get(i)).as("row %d", i).isEqualTo(rows.get(i));
      }
      try (ResultSet rs = statement.executeQuery("SELECT toString(at) FROM batch_t WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("2024-02-29 23:59:59.124");
      }
    }
  }

  @Test
  void executeUpdateCountsWrittenRows() throws SQLException {
    try (Connection connection = connect("default"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE update_t (n UInt64) ENGINE = MergeTree ORDER BY n");
      assertThat(statement.executeUpdate("INSERT INTO update_t SELECT number FROM numbers(42)")).isEqualTo(42);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO update_t VALUES (?)")) {
        insert.setLong(1, 1000);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      try (ResultSet rs = statement.executeQuery("SELECT count(), max(n) FROM update_t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(43);
        assertThat(rs.getLong(2)).isEqualTo(1000);
      }
    }
  }

  @Test
  void preparedStatementParametersSurviveHostileStrings() throws SQLException {
    String hostile = "x'); DROP TABLE hostile_t; -- \\ \n\t\" ✓";
    try (Connection connection = connect("default"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE hostile_t (s String) ENGINE = MergeTree ORDER BY s");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hostile_t VALUES (?)")) {
        insert.setString(1, hostile);
        insert.executeUpdate();
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT s, length(s) FROM hostile_t WHERE s = ?")) {
        select.setString(1, hostile);
        try (ResultSet rs = select.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(hostile);
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  @Test
  void serverErrorsCarryClickHouseCodes() throws SQLException {
    try (Connection connection = connect("default"); Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(60))
          .hasMessageContaining("UNKNOWN_TABLE");
      assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(62));
      // The connection is still usable after errors.
      try (ResultSet rs = statement.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }
}
