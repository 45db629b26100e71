package io.devhealth.testengines.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The facade under test, driven through {@code dev/engines/clickhouse} like every other user of it, plus a
 * curl-like HTTP helper. Minimal on purpose: services use test-engines' own ClickHouseEngine.
 */
final class Facade implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  final Path dataDir;
  final int port;

  private Facade(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** A fresh facade: an empty data directory under test-engines/target, a free port. */
  static Facade startFresh(String name) {
    Path dir = repoRoot().resolve("test-engines/target/facade-tests").resolve(name);
    script("stop", dir.toString()); // a facade left over from an earlier run on this directory
    deleteRecursively(dir);
    return start(dir, freePort());
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

  /** POSTs {@code body} to {@code /?<query>} with the given header name/value pairs. */
  HttpResponse<byte[]> post(String query, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<byte[]> post(String query, String body, String... headers) {
    return post(query, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<byte[]> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build());
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
  static ScriptResult script(String... args) {
    return script(ProcessHandle.current().pid(), args);
  }

  /** Runs {@code dev/engines/clickhouse ARGS}; a facade it starts exits when process {@code parentPid} is gone. */
  static ScriptResult script(long parentPid, String... args) {
    Path script = repoRoot().resolve("dev/engines/clickhouse");
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList())
        .redirectErrorStream(true);
    builder.environment().put("DEVHEALTH_PARENT_PID", Long.toString(parentPid));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("dev/engines/clickhouse " + String.join(" ", args) + " timed out:\n" + output);
      }
      ScriptResult result = new ScriptResult(process.exitValue(), output);
      boolean statusQuery = args[0].equals("status");
      if (!statusQuery && result.exitCode != 0) {
        throw new AssertionError("dev/engines/clickhouse " + String.join(" ", args) + " failed (" + result.exitCode + "):\n" + output);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record ScriptResult(int exitCode, String output) {}

  /** The repository root: the build's devhealth.repo.root, else the nearest directory above with dev/engines. */
  static Path repoRoot() {
    String configured = System.getProperty("devhealth.repo.root");
    if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "dev/engines"))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("dev/engines"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (a directory with dev/engines) above " + System.getProperty("user.dir"));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
