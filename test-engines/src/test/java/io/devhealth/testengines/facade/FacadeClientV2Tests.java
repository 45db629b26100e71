package io.devhealth.testengines.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade as client-v2 (0.9.9) uses it: raw RowBinary stream inserts and RowBinaryWithNamesAndTypes reads. */
class FacadeClientV2Tests {

  static Facade facade;
  static Client client;

  @BeforeAll
  static void start() {
    facade = Facade.startFresh("client-v2");
    client = newClient(facade);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (facade != null) {
      facade.stop();
    }
  }

  static Client newClient(Facade facade) {
    return new Client.Builder()
        .addEndpoint(facade.baseUrl())
        .setUsername("default")
        .setPassword(Facade.PASSWORD)
        .compressServerResponse(false)
        .compressClientRequest(false)
        .build();
  }

  record Event(long id, String name, Instant at, List<String> tags, UUID uuid, String nullable) {}

  static final String EVENTS_DDL = """
      CREATE TABLE %s (
        id UInt64, name String, at DateTime64(3, 'UTC'), tags Array(String), uuid UUID, nullable Nullable(String)
      ) ENGINE = ReplacingMergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100""";

  static List<Event> events(int count) {
    List<Event> events = new ArrayList<>();
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      // Names hold bytes that break naive text handling: newline, tab, quotes, backslash, NUL, multi-byte UTF-8.
      events.add(new Event(i, "name\n\t'\"\\" + (char) (i % 32) + "é✓" + i, base.plusMillis(i * 17L),
          i % 2 == 0 ? List.of("a", "b" + i) : List.of(), new UUID(~(long) i, i), i % 3 == 0 ? null : "n" + i));
    }
    return events;
  }

  /** RowBinary for {@link #EVENTS_DDL}, written by hand as a writer using client.insert(InputStream) does. */
  static byte[] rowBinary(List<Event> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Event e : events) {
      out.writeBytes(le(8).putLong(e.id()).array());
      string(out, e.name());
      out.writeBytes(le(8).putLong(e.at().toEpochMilli()).array());
      FacadeHttpTests.writeVarUInt(out, e.tags().size());
      e.tags().forEach(tag -> string(out, tag));
      out.writeBytes(le(16).putLong(e.uuid().getMostSignificantBits()).putLong(e.uuid().getLeastSignificantBits()).array());
      if (e.nullable() == null) {
        out.write(1);
      } else {
        out.write(0);
        string(out, e.nullable());
      }
    }
    return out.toByteArray();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void string(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    FacadeHttpTests.writeVarUInt(out, bytes.length);
    out.writeBytes(bytes);
  }

  static List<Event> readEvents(Client client, String sql) throws Exception {
    List<Event> read = new ArrayList<>();
    try (QueryResponse response = client.query(sql).get(60, TimeUnit.SECONDS)) {
      assertThat(response.getFormat()).isEqualTo(ClickHouseFormat.RowBinaryWithNamesAndTypes);
      ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
      while (reader.hasNext()) {
        reader.next();
        read.add(new Event(reader.getLong("id"), reader.getString("name"), reader.getInstant("at"),
            reader.getList("tags"), reader.getUUID("uuid"), reader.getString("nullable")));
      }
      assertThat(response.getResultRows()).isEqualTo(read.size());
    }
    return read;
  }

  @Test
  void pingsAndQueries() throws Exception {
    assertThat(client.ping()).isTrue();
    List<GenericRecord> records = client.queryAll("SELECT version() AS v, number AS n FROM numbers(3)");
    assertThat(records).hasSize(3);
    assertThat(records.get(0).getString("v")).startsWith("26.7.");
    assertThat(records.get(2).getLong("n")).isEqualTo(2);
  }

  @Test
  void rowBinaryStreamInsertIsDeduplicatedByToken() throws Exception {
    client.execute(EVENTS_DDL.formatted("events_rb")).get(60, TimeUnit.SECONDS).close();
    List<Event> events = events(10_000);
    byte[] data = rowBinary(events);
    for (int attempt = 0; attempt < 2; attempt++) {
      InsertSettings settings = new InsertSettings().serverSetting("insert_deduplication_token", "events-batch-1");
      try (InsertResponse response = client.insert("events_rb", new ByteArrayInputStream(data), ClickHouseFormat.RowBinary, settings)
          .get(60, TimeUnit.SECONDS)) {
        if (attempt == 0) {
          assertThat(response.getWrittenRows()).isEqualTo(events.size());
        }
      }
    }
    assertThat(client.queryAll("SELECT count() AS c FROM events_rb").get(0).getLong("c")).isEqualTo(events.size());
    assertThat(readEvents(client, "SELECT * FROM events_rb ORDER BY id")).isEqualTo(events);
  }

  @Test
  void queryParametersAndSettingsGoThroughTheClient() throws Exception {
    // client-v2 0.9.9 sends parameter values as they are (String.valueOf), and ClickHouse reads them in its escaped
    // text form: callers escape string values themselves, or a backslash, tab or newline breaks the value.
    String hostile = "it's \\ \n\t {p:String} ' OR 1=1 -- ✓";
    List<GenericRecord> records = client.queryAll("SELECT {p:String} AS p, {n:UInt32} + 1 AS n",
        Map.of("p", FacadeHttpTests.escaped(hostile), "n", 41));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getString("p")).isEqualTo(hostile);
    assertThat(records.get(0).getLong("n")).isEqualTo(42);
    assertThat(serverCode(() -> client.queryAll("SELECT {p:String}", Map.of("p", "raw\nnewline")))).isEqualTo(457);

    QuerySettings settings = new QuerySettings().serverSetting("max_result_rows", "11");
    assertThat(client.queryAll("SELECT getSetting('max_result_rows') AS v", settings).get(0).getLong("v")).isEqualTo(11);
    assertThat(client.queryAll("SELECT getSetting('max_result_rows') AS v").get(0).getLong("v")).isZero();
  }

  @Test
  void serverErrorsCarryTheCode() {
    assertThat(serverCode(() -> client.queryAll("SELECT * FROM no_such_table"))).isEqualTo(60);
    assertThat(serverCode(() -> client.insert("no_such_table", new ByteArrayInputStream(new byte[] {1}), ClickHouseFormat.RowBinary)
        .get(60, TimeUnit.SECONDS))).isEqualTo(60);
    assertThat(serverCode(() -> client.query("SELEC 1").get(60, TimeUnit.SECONDS))).isEqualTo(62);
  }

  /** The ClickHouse error code of the ServerException that {@code call} throws (client-v2 may wrap it). */
  static int serverCode(Callable<?> call) {
    Throwable thrown = catchThrowable(call::call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ServerException server) {
        return server.getCode();
      }
    }
    throw new AssertionError("expected a ServerException, got " + thrown, thrown);
  }
}
