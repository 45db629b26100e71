package io.devhealth.testengines.facade;

import static io.devhealth.testengines.facade.Facade.text;
import static io.devhealth.testengines.facade.Facade.urlEncode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facade on a shared machine: only its configured credentials run statements, nothing a web browser sends runs
 * at all, nothing reaches files, URLs, other servers or programs, and a compressed body cannot expand without bound.
 * Every refused statement is shown not to have run.
 */
class FacadeSecurityTests {

  static Facade facade;

  @BeforeAll
  static void start() {
    facade = Facade.startFresh("security");
    facade.sql("CREATE TABLE marks (n UInt8) ENGINE = MergeTree ORDER BY n");
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.stop();
    }
  }

  private static final String MARK = "INSERT INTO marks VALUES (1)";

  private static String marks() {
    return facade.sql("SELECT count() FROM marks");
  }

  @Test
  void statementsNeedTheConfiguredCredentials() {
    String before = marks();
    assertRefused(Facade.send(facade.unauthenticatedPost("", bytes(MARK)).build()), 403, "AUTHENTICATION_FAILED");
    assertRefused(Facade.send(facade.unauthenticatedPost("", bytes(MARK), "Authorization", basic("default", "guess"))
        .build()), 403, "AUTHENTICATION_FAILED");
    assertRefused(Facade.send(facade.unauthenticatedPost("", bytes(MARK), "Authorization", basic("admin", Facade.PASSWORD))
        .build()), 403, "AUTHENTICATION_FAILED");
    assertThat(marks()).isEqualTo(before);

    // The three ways ClickHouse's HTTP interface takes them.
    assertThat(text(Facade.send(facade.unauthenticatedPost("", bytes("SELECT 1"), "X-ClickHouse-User", Facade.USER,
        "X-ClickHouse-Key", Facade.PASSWORD).build()))).isEqualTo("1\n");
    assertThat(text(Facade.send(facade.unauthenticatedPost("user=" + Facade.USER + "&password=" + Facade.PASSWORD,
        bytes("SELECT 2")).build()))).isEqualTo("2\n");
    assertThat(facade.sql("SELECT 3")).isEqualTo("3\n");
    // Health checks stay open, as on a server.
    assertThat(text(facade.get("/ping"))).isEqualTo("Ok.\n");
  }

  @Test
  void theWriterChangesRowsNeverTheSchema() {
    String before = marks();
    assertThat(text(as(WRITER, MARK))).isEmpty();
    assertThat(text(as(WRITER, "SELECT count() FROM marks"))).isEqualTo(Integer.parseInt(before.strip()) + 1 + "\n");
    assertThat(text(as(WRITER, "DELETE FROM marks WHERE n = 7"))).isEmpty();
    for (String ddl : new String[] { "DROP TABLE marks", "/* why not */ TRUNCATE TABLE marks",
        "ALTER TABLE marks ADD COLUMN planted UInt8", "CREATE TABLE planted (n UInt8) ENGINE = Memory",
        "RENAME TABLE marks TO planted", "OPTIMIZE TABLE marks FINAL", "SYSTEM STOP MERGES marks", "KILL QUERY WHERE 1" }) {
      assertRefused(as(WRITER, ddl), 403, "ACCESS_DENIED");
    }
    // A second statement would run past the check: a request holds one statement, as on a server.
    assertRefused(as(WRITER, "SELECT 1; DROP TABLE marks"), 400, "SYNTAX_ERROR");
    assertThat(text(as(WRITER, "SELECT ';' AS semicolon;"))).isEqualTo(";\n");
    assertThat(facade.sql("EXISTS TABLE marks")).isEqualTo("1\n");
  }

  @Test
  void theReaderOnlyReadsWithinItsLimits() {
    String before = marks();
    for (String write : new String[] { MARK, "DROP TABLE marks", "CREATE TABLE planted (n UInt8) ENGINE = Memory",
        "DELETE FROM marks WHERE 1" }) {
      assertThat(text(as(READER, write))).as(write).contains("(READONLY)");
    }
    assertThat(marks()).isEqualTo(before);
    // Settings may still change (readonly = 2), as analytics' reads set final = 1 and their own timeouts.
    assertThat(text(as(READER, "SELECT count() FROM marks SETTINGS final = 1"))).isEqualTo(before);
    assertThat(text(as(READER, "SELECT count() FROM numbers(2000000)"))).isEqualTo("2000000\n");
    assertThat(text(as(READER, "SELECT number FROM numbers(2000000) FORMAT Null"))).contains("(TOO_MANY_ROWS_OR_BYTES)");
    // Its profile's maxima, as a server's constraints: a request may lower a limit, never raise it past them.
    assertThat(text(as(READER, "SELECT getSetting('max_execution_time')"))).isEqualTo("30\n");
    assertThat(text(Facade.send(facade.unauthenticatedPost("max_execution_time=10", bytes("SELECT getSetting('max_execution_time')"),
        "Authorization", basic(READER[0], READER[1])).build()))).isEqualTo("10\n");
    assertRefused(Facade.send(facade.unauthenticatedPost("max_execution_time=3600", bytes("SELECT 1"),
        "Authorization", basic(READER[0], READER[1])).build()), 400, "SETTING_CONSTRAINT_VIOLATION");
    assertRefused(Facade.send(facade.unauthenticatedPost("max_result_rows=0", bytes("SELECT 1"),
        "Authorization", basic(READER[0], READER[1])).build()), 400, "SETTING_CONSTRAINT_VIOLATION");
  }

  @Test
  void productionsUsersFileIsClickHouseSql() throws IOException {
    String file = Files.readString(io.devhealth.testengines.Scripts.repoRoot().resolve("dev/engines/clickhouse-users.sql"));
    String statements = file.replaceAll("(?m)^--.*$", "");
    int parsed = 0;
    for (String statement : statements.split(";")) {
      if (statement.isBlank()) {
        continue;
      }
      String formatted = facade.sql("SELECT formatQuerySingleLine(" + literal(statement.strip()) + ")");
      assertThat(formatted).as(statement).doesNotContain("Exception").isNotBlank();
      parsed++;
    }
    assertThat(parsed).isEqualTo(7);
    // The facade's logins are the file's roles.
    assertThat(file).contains("devhealth_writer", "devhealth_reader", "readonly = 2");
  }

  @Test
  void nothingAWebBrowserSendsRuns() {
    String before = marks();
    // A page's form or fetch() POST: a CORS simple request carries Origin (and Sec-Fetch-* in current browsers).
    assertRefused(facade.post("", MARK, "Origin", "http://attacker.example"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", MARK, "Origin", "null"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", MARK, "Sec-Fetch-Site", "cross-site"), 403, "ACCESS_DENIED");
    assertThat(marks()).isEqualTo(before);
    assertThat(text(facade.post("", "SELECT 'no browser'"))).isEqualTo("no browser\n");
    // Node's fetch (undici) sends Sec-Fetch-Mode: cors and nothing else a browser sends: it is a client, not a page.
    assertThat(text(facade.post("", "SELECT 'node fetch'", "Sec-Fetch-Mode", "cors"))).isEqualTo("node fetch\n");
  }

  @Test
  void nothingReachesFilesUrlsOtherServersOrPrograms(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t\n");
    Path written = dir.resolve("written.tsv");
    assertRefused(facade.post("", "SELECT * FROM file('" + secret + "', 'LineAsString')"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "select *  from  FILE ('" + secret + "', 'LineAsString')"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "INSERT INTO FUNCTION file('" + written + "', 'TSV', 'a String') VALUES ('x')"),
        403, "ACCESS_DENIED");
    // With its data in the body, as clients send an INSERT.
    assertRefused(facade.post("query=" + urlEncode("INSERT INTO FUNCTION file('" + written + "', 'TSV', 'a String') FORMAT TSV"),
        "x\n"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "SELECT 1 INTO OUTFILE '" + written + "'"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "SELECT * FROM executable('id', 'TSV', 'a String')"), 403, "ACCESS_DENIED");
    assertRefused(facade.post("", "CREATE TABLE leak (a String) ENGINE = File(TSV, '" + written + "')"), 403,
        "ACCESS_DENIED");
    assertThat(written).doesNotExist();
    // The words themselves, in literals, identifiers and comments, are harmless.
    assertThat(facade.sql("SELECT 'file(x)' AS url /* s3(y) */ -- executable(z)")).isEqualTo("file(x)\n");
  }

  @Test
  void aCompressedBodyCannotExpandWithoutBound() throws IOException {
    // 300 MB of zeros gzip to about 0.3 MB: the facade stops at its 256 MiB limit instead of buffering them.
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 300; i++) {
        gzip.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(2_000_000);
    assertRefused(facade.post("", compressed.toByteArray(), "Content-Encoding", "gzip"), 413, "QUERY_IS_TOO_LARGE");
    assertThat(facade.sql("SELECT 'still serving'")).isEqualTo("still serving\n");
  }

  private static void assertRefused(HttpResponse<byte[]> response, int status, String error) {
    assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
    assertThat(text(response)).contains("(" + error + ")");
  }

  private static final String[] WRITER = { "devhealth_writer", "devhealth" };
  private static final String[] READER = { "devhealth_reader", "devhealth" };

  /** A statement sent with the login {@code login} = {user, password}. */
  private static HttpResponse<byte[]> as(String[] login, String sql) {
    return Facade.send(facade.unauthenticatedPost("", bytes(sql), "Authorization", basic(login[0], login[1])).build());
  }

  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
