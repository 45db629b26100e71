package io.devhealth.testengines.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.devhealth.testengines.Scripts;

/**
 * The facade under test, driven through {@code dev/engines/clickhouse} like every other user of it, plus a
 * curl-like HTTP helper. Minimal on purpose: services use test-engines' own ClickHouseEngine.
 */
final class Facade implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** The facade's configured credentials (dev/engines/clickhouse's defaults), as every client sends them. */
  static final String USER = "default";
  static final String PASSWORD = "devhealth";
  static final String AUTHORIZATION = "Basic "
      + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  final Path dataDir;
  final int port;

  private Facade(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** A fresh facade: an empty data directory under test-engines/target, a free port. */
  static Facade startFresh(String name) {
    Path dir = Scripts.repoRoot().resolve("test-engines/target/facade-tests").resolve(name);
    script("stop", dir.toString()); // a facade left over from an earlier run on this directory
    Scripts.deleteRecursively(dir);
    return start(dir, Scripts.freePort());
  }

  static Facade start(Path dataDir, int port) {
    script("start", dataDir.toString(), Integer.toString(port));
    return new Facade(dataDir, port);
  }

  void stop() {
    script("stop", dataDir.toString());
  }

  @Override
  public void close() {
    stop();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String jdbcUrl(String database) {
    return "jdbc:clickhouse://127.0.0.1:" + port + "/" + database + "?compress=false";
  }

  /** POSTs {@code body} to {@code /?<query>} with the credentials and the given header name/value pairs. */
  HttpResponse<byte[]> post(String query, byte[] body, String... headers) {
    return send(unauthenticatedPost(query, body, headers).header("Authorization", AUTHORIZATION).build());
  }

  /** A POST of {@code body} to {@code /?<query>} with the given headers only: no credentials. */
  HttpRequest.Builder unauthenticatedPost(String query, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request;
  }

  HttpResponse<byte[]> post(String query, String body, String... headers) {
    return post(query, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<byte[]> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(60))
        .header("Authorization", AUTHORIZATION).GET().build());
  }

  /** Runs SQL (POST body), asserts 200 and returns the body as text. */
  String sql(String sql, String... urlParams) {
    HttpResponse<byte[]> response = post(String.join("&", urlParams), sql);
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + " for " + sql + ": " + text);
    }
    return text;
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String urlEncode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Runs {@code dev/engines/clickhouse ARGS}; a facade it starts exits with this JVM (DEVHEALTH_PARENT_PID). */
  static Scripts.Result script(String... args) {
    return script(ProcessHandle.current().pid(), args);
  }

  /**
   * Runs {@code dev/engines/clickhouse ARGS}; a facade it starts exits when process {@code parentPid} is gone. Fails
   * the test when the script fails, except for {@code status}, whose exit code is its answer.
   */
  static Scripts.Result script(long parentPid, String... args) {
    Scripts.Result result = Scripts.exec("clickhouse", parentPid, args);
    if (!args[0].equals("status") && result.exitCode() != 0) {
      throw new AssertionError("dev/engines/clickhouse " + String.join(" ", args) + " failed (" + result.exitCode()
          + "):\n" + result.output());
    }
    return result;
  }
}
