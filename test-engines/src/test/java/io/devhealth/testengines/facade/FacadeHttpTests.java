package io.devhealth.testengines.facade;

import static io.devhealth.testengines.facade.Facade.text;
import static io.devhealth.testengines.facade.Facade.urlEncode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade as curl sees it: ClickHouse's HTTP interface, byte for byte where it matters. */
class FacadeHttpTests {

  static Facade facade;

  @BeforeAll
  static void start() {
    facade = Facade.startFresh("http");
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.stop();
    }
  }

  @Test
  void pingAndRootAnswerOk() {
    assertThat(facade.get("/ping").statusCode()).isEqualTo(200);
    assertThat(text(facade.get("/ping"))).isEqualTo("Ok.\n");
    assertThat(text(facade.get("/"))).isEqualTo("Ok.\n");
    assertThat(facade.get("/no-such-handler").statusCode()).isEqualTo(404);
  }

  @Test
  void selectByGetReturnsTabSeparatedWithClickHouseHeaders() {
    HttpResponse<byte[]> response = facade.get("/?query=" + urlEncode("SELECT version(), timezone()") + "&query_id=q-123");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).matches("26\\.7\\.[0-9.]+\tUTC\n");
    assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("TabSeparated");
    assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("q-123");
    assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).hasValue("UTC");
    assertThat(response.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();

    HttpResponse<byte[]> generated = facade.post("", "SELECT 1");
    assertThat(generated.headers().firstValue("X-ClickHouse-Query-Id").orElseThrow()).matches("[0-9a-f-]{36}");
  }

  @Test
  void summaryCountsResultRowsAndWrittenRows() {
    HttpResponse<byte[]> select = facade.post("", "SELECT number FROM numbers(7)");
    assertThat(summary(select)).contains("\"result_rows\":\"7\"", "\"written_rows\":\"0\"");

    facade.sql("CREATE TABLE summary_t (n UInt64) ENGINE = MergeTree ORDER BY n");
    HttpResponse<byte[]> insert = facade.post("query=" + urlEncode("INSERT INTO summary_t FORMAT TabSeparated"), "1\n2\n3\n");
    assertThat(insert.statusCode()).isEqualTo(200);
    assertThat(insert.body()).isEmpty();
    assertThat(summary(insert)).contains("\"written_rows\":\"3\"");
    HttpResponse<byte[]> insertSelect = facade.post("", "INSERT INTO summary_t SELECT number FROM numbers(5)");
    assertThat(summary(insertSelect)).contains("\"written_rows\":\"5\"");
  }

  @Test
  void queryInUrlIsContinuedByTheBody() {
    assertThat(text(facade.post("query=" + urlEncode("SELECT number"), "FROM numbers(3)"))).isEqualTo("0\n1\n2\n");
  }

  @Test
  void outputFormatComesFromParamHeaderOrFormatClause() {
    HttpResponse<byte[]> byParam = facade.post("default_format=JSONEachRow", "SELECT 1 AS a, 'x' AS b");
    assertThat(text(byParam)).isEqualTo("{\"a\":1,\"b\":\"x\"}\n");
    assertThat(byParam.headers().firstValue("X-ClickHouse-Format")).hasValue("JSONEachRow");

    HttpResponse<byte[]> byHeader = facade.post("", "SELECT 1 AS a, 'x' AS b", "X-ClickHouse-Format", "CSVWithNames");
    assertThat(text(byHeader)).isEqualTo("\"a\",\"b\"\n1,\"x\"\n");
    assertThat(byHeader.headers().firstValue("X-ClickHouse-Format")).hasValue("CSVWithNames");

    HttpResponse<byte[]> byClause = facade.post("default_format=JSON", "SELECT 1 AS a FORMAT TSVWithNames");
    assertThat(text(byClause)).isEqualTo("a\n1\n");
    assertThat(byClause.headers().firstValue("X-ClickHouse-Format")).hasValue("TSVWithNames");
  }

  @Test
  void binaryOutputIsReturnedByteForByte() {
    HttpResponse<byte[]> response = facade.post("", "SELECT unhex('FF000AFE') AS s, toUInt32(258) AS n",
        "X-ClickHouse-Format", "RowBinaryWithNamesAndTypes");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {2, 1, 's', 1, 'n', 6});
    expected.writeBytes("String".getBytes(StandardCharsets.US_ASCII));
    expected.write(6);
    expected.writeBytes("UInt32".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(new byte[] {4, (byte) 0xFF, 0, 0x0A, (byte) 0xFE, 2, 1, 0, 0});
    assertThat(response.body()).isEqualTo(expected.toByteArray());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
  }

  @Test
  void queryParametersBindHostileStringsExactly() {
    List<String> hostile = List.of("it's", "back\\slash\\", "new\nline\r\n", "tab\there", "'; DROP TABLE x; --",
        "{x:String}", "\\N", "ünïcødé ✓", "nul\0byte", "\"double\"", "");
    for (String value : hostile) {
      String body = text(facade.post("param_v=" + urlEncode(escaped(value)), "SELECT hex({v:String})"));
      assertThat(body).as("bound %s", value).isEqualTo(HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "\n");
    }
    // Typed parameters, arrays, NULL, and an insert whose values come from parameters.
    assertThat(text(facade.post("param_n=42&param_a=" + urlEncode("['a\\'b','c']") + "&param_z=%5CN",
        "SELECT {n:UInt8} + 1, length({a:Array(String)}), {a:Array(String)}[1], isNull({z:Nullable(String)})")))
        .isEqualTo("43\t2\ta\\'b\t1\n");
    facade.sql("CREATE TABLE params_t (s String) ENGINE = MergeTree ORDER BY s");
    String evil = "x'); DROP TABLE params_t; --\n\\";
    facade.sql("INSERT INTO params_t SELECT {s:String}", "param_s=" + urlEncode(escaped(evil)));
    assertThat(text(facade.post("", "SELECT hex(s), count() FROM params_t GROUP BY s")))
        .isEqualTo(HexFormat.of().withUpperCase().formatHex(evil.getBytes(StandardCharsets.UTF_8)) + "\t1\n");
  }

  @Test
  void badOrMissingParametersAreTheCallersMistake() {
    HttpResponse<byte[]> bad = facade.post("param_n=abc", "SELECT {n:UInt32}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("457");
    HttpResponse<byte[]> missing = facade.post("", "SELECT {n:UInt32}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("456");
  }

  @Test
  void settingsApplyToTheirRequestOnly() {
    assertThat(facade.sql("SELECT getSetting('max_result_rows')", "max_result_rows=7", "async_insert=0", "wait_end_of_query=0"))
        .isEqualTo("7\n");
    assertThat(facade.sql("SELECT getSetting('max_result_rows')")).isEqualTo("0\n");

    HttpResponse<byte[]> limited = facade.post("max_result_rows=2&result_overflow_mode=throw", "SELECT number FROM numbers(10)");
    assertThat(limited.statusCode()).isEqualTo(500);
    assertThat(limited.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("396");
    assertThat(facade.sql("SELECT count() FROM (SELECT number FROM numbers(10))")).isEqualTo("10\n");

    assertThat(facade.sql("SELECT getSetting('insert_deduplication_token')", "insert_deduplication_token=" + urlEncode("tok'en\\")))
        .isEqualTo("tok\\'en\\\\\n");
    assertThat(facade.sql("SELECT getSetting('insert_deduplication_token')")).isEqualTo("\n");

    // A SET dies with its request; a request holds one statement, as on a server.
    assertThat(facade.sql("SET max_threads = 1")).isEmpty();
    assertThat(facade.sql("SELECT getSetting('max_threads') != 1")).isEqualTo("1\n");
    HttpResponse<byte[]> twoStatements = facade.post("", "SET max_threads = 1; SELECT getSetting('max_threads')");
    assertThat(twoStatements.statusCode()).isEqualTo(400);
    assertThat(twoStatements.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("62");

    HttpResponse<byte[]> unknown = facade.post("no_such_setting=1", "SELECT 1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("115");
  }

  @Test
  void databaseComesFromHeaderOrParamAndUseDoesNotLeak() {
    facade.sql("CREATE DATABASE IF NOT EXISTS db_a");
    facade.sql("CREATE DATABASE IF NOT EXISTS db_b");
    facade.sql("CREATE TABLE db_a.t (v String) ENGINE = MergeTree ORDER BY v");
    facade.sql("INSERT INTO db_a.t VALUES ('from a')");

    assertThat(facade.sql("SELECT currentDatabase(), v FROM t", "database=db_a")).isEqualTo("db_a\tfrom a\n");
    assertThat(text(facade.post("", "SELECT currentDatabase(), v FROM t", "X-ClickHouse-Database", "db_a"))).isEqualTo("db_a\tfrom a\n");
    assertThat(text(facade.post("database=db_b", "SELECT currentDatabase()", "X-ClickHouse-Database", "db_a"))).isEqualTo("db_a\n");

    assertThat(facade.sql("USE db_b")).isEmpty();
    assertThat(facade.sql("SELECT currentDatabase()")).isEqualTo("default\n");

    assertThat(facade.sql("CREATE TEMPORARY TABLE scratch (n UInt8)")).isEmpty();
    HttpResponse<byte[]> gone = facade.post("", "SELECT count() FROM scratch");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
  }

  @Test
  void insertsInEveryWriterFormat() {
    facade.sql("CREATE TABLE formats_t (id UInt32, s String, f Float64) ENGINE = MergeTree ORDER BY id");
    String table = "INSERT INTO formats_t (id, s, f) ";
    insert(table + "FORMAT TabSeparated", "1\ttab\\tbed\t1.5\n".getBytes(StandardCharsets.UTF_8), 1);
    insert(table + "FORMAT JSONEachRow", "{\"id\":2,\"s\":\"json\",\"f\":2.5}\n".getBytes(StandardCharsets.UTF_8), 1);
    insert(table + "FORMAT CSV", "3,\"c,s\"\"v\",3.5\n".getBytes(StandardCharsets.UTF_8), 1);
    insert(table + "VALUES", "(4, 'values in body', 4.5)".getBytes(StandardCharsets.UTF_8), 1);
    HttpResponse<byte[]> bodyOnly = facade.post("", table + "VALUES (5, 'all in body', toFloat64(fromUnixTimestamp64Nano(5500000000) > 0) + 4.5)");
    assertThat(summary(bodyOnly)).contains("\"written_rows\":\"1\"");

    // RowBinary with every byte value in the string: nothing may be decoded or re-encoded on the way.
    byte[] allBytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      allBytes[i] = (byte) i;
    }
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    writeRow(rows, 6, allBytes, 6.5);
    writeRow(rows, 7, new byte[] {'\n', '\r', 0, (byte) 0xC3}, 7.5);
    insert(table + "FORMAT RowBinary", rows.toByteArray(), 2);

    ByteArrayOutputStream named = new ByteArrayOutputStream();
    named.writeBytes(new byte[] {3, 2, 'i', 'd', 1, 's', 1, 'f'});
    for (String type : List.of("UInt32", "String", "Float64")) {
      named.write(type.length());
      named.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    }
    writeRow(named, 8, "named".getBytes(StandardCharsets.UTF_8), 8.5);
    insert("INSERT INTO formats_t FORMAT RowBinaryWithNamesAndTypes", named.toByteArray(), 1);

    assertThat(facade.sql("SELECT id, s, f FROM formats_t WHERE id NOT IN (6, 7) ORDER BY id")).isEqualTo("""
        1	tab\\tbed	1.5
        2	json	2.5
        3	c,s"v	3.5
        4	values in body	4.5
        5	all in body	5.5
        8	named	8.5
        """);
    assertThat(facade.sql("SELECT hex(s) FROM formats_t WHERE id IN (6, 7) ORDER BY id")).isEqualTo(
        HexFormat.of().withUpperCase().formatHex(allBytes) + "\n0A0D00C3\n");
  }

  /** Regression: chdb ends inline INSERT data at an empty line and runs the rest as SQL; the facade must not. */
  @Test
  void insertDataIsNeverCutShortNorRunAsSql() {
    facade.sql("CREATE TABLE blank_t (id UInt64, s String) ENGINE = MergeTree ORDER BY id");
    insert("INSERT INTO blank_t (s) FORMAT TabSeparated", "a\n\nDROP TABLE blank_t\n".getBytes(StandardCharsets.UTF_8), 3);
    HttpResponse<byte[]> bodyOnly = facade.post("", "INSERT INTO blank_t (s) FORMAT TabSeparated\nb\n\nSELECT 1\n");
    assertThat(summary(bodyOnly)).contains("\"written_rows\":\"3\"");
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    for (long id = 2569; id <= 2571; id++) { // 2570 is 0A 0A 00 … in little-endian
      rows.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(id).array());
      writeVarUInt(rows, 2);
      rows.writeBytes(new byte[] {'\n', '\n'});
    }
    insert("INSERT INTO blank_t FORMAT RowBinary", rows.toByteArray(), 3);
    assertThat(facade.sql("SELECT count(), countIf(s = ''), countIf(s = '\\n\\n'), countIf(s LIKE '%DROP%') FROM blank_t"))
        .isEqualTo("9\t2\t3\t1\n");
  }

  @Test
  void chunkedAndGzipBodiesAreReadWhole() throws IOException {
    facade.sql("CREATE TABLE chunked_t (n UInt64, s String) ENGINE = MergeTree ORDER BY n");
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      data.append(i).append('\t').append("row-").append(i).append("-padding-padding\n");
    }
    byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isGreaterThan(3_000_000);
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(facade.baseUrl() + "/?query=" + urlEncode("INSERT INTO chunked_t FORMAT TabSeparated")))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))) // no Content-Length
        .header("Authorization", Facade.AUTHORIZATION)
        .build();
    HttpResponse<byte[]> response = Facade.send(chunked);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(facade.sql("SELECT count(), sum(n), max(s) FROM chunked_t")).isEqualTo("100000\t4999950000\trow-99999-padding-padding\n");

    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write("SELECT count() FROM chunked_t WHERE n < 10".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> compressed = facade.post("enable_http_compression=1", gzipped.toByteArray(),
        "Content-Encoding", "gzip", "Accept-Encoding", "gzip");
    assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
      assertThat(new String(gunzip.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("10\n");
    }
  }

  @Test
  void deduplicationTokenDropsARetriedBatch() {
    facade.sql("CREATE TABLE dedup_t (id UInt32, v String) ENGINE = ReplacingMergeTree ORDER BY id "
        + "SETTINGS non_replicated_deduplication_window = 100");
    String insert = "query=" + urlEncode("INSERT INTO dedup_t (id, v) FORMAT TabSeparated");
    String batch = "1\ta\n2\tb\n3\tc\n";
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(facade.post(insert + "&insert_deduplication_token=batch-1", batch).statusCode()).isEqualTo(200);
    }
    assertThat(facade.sql("SELECT count() FROM dedup_t")).isEqualTo("3\n");
    assertThat(facade.post(insert + "&insert_deduplication_token=batch-2", "4\td\n").statusCode()).isEqualTo(200);
    assertThat(facade.sql("SELECT count() FROM dedup_t")).isEqualTo("4\n");
  }

  @Test
  void errorsLookLikeClickHouses() {
    assertError(facade.post("", "SELEC 1"), 400, 62, "SYNTAX_ERROR");
    assertError(facade.post("", "SELECT * FROM no_such_table"), 404, 60, "UNKNOWN_TABLE");
    assertError(facade.post("", "SELECT 1", "X-ClickHouse-Database", "no_such_db"), 404, 81, "UNKNOWN_DATABASE");
    assertError(facade.post("database=no_such_db", "SELECT 1"), 404, 81, "UNKNOWN_DATABASE");
    // ClickHouse's own mapping: an unknown identifier is NOT_FOUND (404), like an unknown table.
    assertError(facade.post("", "SELECT no_such_column FROM system.one"), 404, 47, "UNKNOWN_IDENTIFIER");
    assertError(facade.post("", "SELECT 1 + 'a'"), 500, 43, "ILLEGAL_TYPE_OF_ARGUMENT");
    assertError(facade.post("", "SELECT CAST('x' AS UInt32)"), 400, 6, "CANNOT_PARSE_TEXT");
    assertError(facade.post("", ""), 400, 62, "SYNTAX_ERROR");
    assertError(facade.post("compress=1", "SELECT 1"), 400, 36, "BAD_ARGUMENTS");
    assertError(facade.get("/?query=" + urlEncode("CREATE TABLE via_get (n UInt8) ENGINE = Memory")), 500, 164, "READONLY");
    facade.sql("CREATE TABLE typed_t (n UInt32) ENGINE = MergeTree ORDER BY n");
    assertError(facade.post("query=" + urlEncode("INSERT INTO typed_t FORMAT RowBinary"), new byte[] {1, 2, 3}), 500, 33, "CANNOT_READ_ALL_DATA");
    assertError(facade.post("default_format=NoSuchFormat", "SELECT 1"), 404, 73, "UNKNOWN_FORMAT");
    // Still serving.
    assertThat(text(facade.get("/ping"))).isEqualTo("Ok.\n");
    assertThat(facade.sql("SELECT 1")).isEqualTo("1\n");
  }

  @Test
  void sixteenConcurrentClientsAllGetTheirOwnResults() throws Exception {
    facade.sql("CREATE TABLE concurrent_t (client UInt32, seq UInt32, v String) ENGINE = MergeTree ORDER BY (client, seq)");
    int clients = 16;
    int rounds = 8;
    int rowsPerInsert = 200;
    List<Callable<String>> work = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      work.add(() -> {
        for (int round = 0; round < rounds; round++) {
          StringBuilder rows = new StringBuilder();
          for (int i = 0; i < rowsPerInsert; i++) {
            rows.append(client).append('\t').append(round * rowsPerInsert + i).append("\tv").append(client).append('\n');
          }
          HttpResponse<byte[]> insert = facade.post("query=" + urlEncode("INSERT INTO concurrent_t FORMAT TabSeparated"), rows.toString());
          if (insert.statusCode() != 200) {
            return "insert failed: " + text(insert);
          }
          long expected = (long) (round + 1) * rowsPerInsert;
          String mine = facade.sql("SELECT count(), uniqExact(seq), any(v) FROM concurrent_t WHERE client = {c:UInt32}", "param_c=" + client);
          if (!mine.equals(expected + "\t" + expected + "\tv" + client + "\n")) {
            return "client " + client + " round " + round + " read " + mine;
          }
          String echo = facade.sql("SELECT {c:UInt32} * 1000 + number FROM numbers(3) FORMAT CSV", "param_c=" + client);
          if (!echo.equals((client * 1000) + "\n" + (client * 1000 + 1) + "\n" + (client * 1000 + 2) + "\n")) {
            return "client " + client + " echo " + echo;
          }
        }
        return "ok";
      });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (Future<String> result : pool.invokeAll(work)) {
        assertThat(result.get()).isEqualTo("ok");
      }
    }
    assertThat(facade.sql("SELECT count(), uniqExact(client) FROM concurrent_t"))
        .isEqualTo((clients * rounds * rowsPerInsert) + "\t" + clients + "\n");
  }

  private static void insert(String insertQuery, byte[] data, int expectedRows) {
    HttpResponse<byte[]> response = facade.post("query=" + urlEncode(insertQuery), data);
    assertThat(response.statusCode()).as(insertQuery + ": " + text(response)).isEqualTo(200);
    assertThat(summary(response)).contains("\"written_rows\":\"" + expectedRows + "\"");
  }

  private static void writeRow(ByteArrayOutputStream out, int id, byte[] s, double f) {
    ByteBuffer number = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(id);
    out.writeBytes(number.array());
    writeVarUInt(out, s.length);
    out.writeBytes(s);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(f).array());
  }

  static void writeVarUInt(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static String summary(HttpResponse<byte[]> response) {
    return response.headers().firstValue("X-ClickHouse-Summary").orElseThrow();
  }

  private static void assertError(HttpResponse<byte[]> response, int status, int code, String name) {
    String body = text(response);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue(Integer.toString(code));
    assertThat(body).startsWith("Code: " + code + ". DB::Exception: ").endsWith("(" + name + ") (version " + version() + ")\n")
        .doesNotContain("DB::Exception: Code:");
  }

  private static String version() {
    return facade.sql("SELECT version()").trim();
  }

  /** ClickHouse's escaped text form of a string query parameter (what clients send as param_*). */
  static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
