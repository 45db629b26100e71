package io.devhealth.testengines.facade;

import static io.devhealth.testengines.facade.Facade.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

import io.devhealth.testengines.Scripts;

/** dev/engines/clickhouse start/stop/status, persistence across restarts, graceful stop, parent watch. */
class FacadeLifecycleTests {

  @Test
  void tablesSurviveARestartAndStartAndStopAreIdempotent() throws IOException {
    Facade first = Facade.startFresh("lifecycle-restart");
    Facade second = null;
    try {
      first.sql("CREATE DATABASE kept_db");
      first.sql("CREATE TABLE kept_db.kept (n UInt64, s String) ENGINE = MergeTree ORDER BY n");
      first.sql("INSERT INTO kept_db.kept SELECT number, toString(number) FROM numbers(1000)");
      String pid = Files.readString(first.dataDir.resolve("facade.pid")).trim();

      Scripts.Result again = Facade.script("start", first.dataDir.toString(), Integer.toString(first.port));
      assertThat(again.exitCode()).isZero();
      assertThat(Files.readString(first.dataDir.resolve("facade.pid")).trim()).isEqualTo(pid);
      Scripts.Result status = Facade.script("status", first.dataDir.toString());
      assertThat(status.exitCode()).isZero();
      assertThat(status.output()).contains("running", "pid " + pid, "port " + first.port);

      first.stop();
      first.stop();
      assertThat(Facade.script("status", first.dataDir.toString()).exitCode()).isEqualTo(3);
      assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
      assertThat(refusesConnections(first.port)).isTrue();

      second = Facade.start(first.dataDir, Scripts.freePort());
      assertThat(second.sql("SELECT count(), sum(n), max(s) FROM kept_db.kept")).isEqualTo("1000\t499500\t999\n");
    } finally {
      (second != null ? second : first).stop();
    }
  }

  @Test
  void sigtermLetsAcceptedQueriesFinish() throws Exception {
    Facade facade = Facade.startFresh("lifecycle-sigterm");
    try {
      // ~6 s (one row per block, 0.25 s each): a wide window for the second request to queue behind it even on a
      // loaded machine, yet shorter than the stop script's 10 s grace period.
      CompletableFuture<HttpResponse<byte[]>> slow = postAsync(facade,
          "SELECT sum(sleepEachRow(0.25)) + count() - 14 FROM numbers(24) SETTINGS max_block_size = 1");
      // Sent only once the slow one is in the engine: two concurrent requests may otherwise arrive in either order.
      awaitTrue(Duration.ofSeconds(20), () -> queuedQueries(facade) >= 1);
      CompletableFuture<HttpResponse<byte[]>> queued = postAsync(facade, "SELECT 'queued behind the slow one'");
      awaitTrue(Duration.ofSeconds(20), () -> queuedQueries(facade) >= 2);

      facade.stop(); // TERM: returns once the process has exited

      assertThat(slow.get().statusCode()).isEqualTo(200);
      assertThat(text(slow.get())).isEqualTo("10\n");
      assertThat(text(queued.get())).isEqualTo("queued behind the slow one\n");
      assertThat(Facade.script("status", facade.dataDir.toString()).exitCode()).isEqualTo(3);
      assertThat(Files.readString(facade.dataDir.resolve("facade.log"))).contains("stopping (SIGTERM)", "stopped");
    } finally {
      facade.stop();
    }
  }

  @Test
  void exitsWhenTheProcessThatStartedItIsGone() throws Exception {
    Path dir = Scripts.repoRoot().resolve("test-engines/target/facade-tests/lifecycle-parent");
    Facade.script("stop", dir.toString());
    Scripts.deleteRecursively(dir);
    Process parent = new ProcessBuilder("sleep", "300").start();
    int port = Scripts.freePort();
    try {
      Facade.script(parent.pid(), "start", dir.toString(), Integer.toString(port));
      assertThat(Facade.script("status", dir.toString()).exitCode()).isZero();
      parent.destroy();
      parent.waitFor();
      awaitTrue(Duration.ofSeconds(20), () -> Facade.script("status", dir.toString()).exitCode() == 3);
      assertThat(Files.readString(dir.resolve("facade.log"))).contains("is gone");
    } finally {
      parent.destroyForcibly();
      Facade.script("stop", dir.toString());
    }
  }

  private static CompletableFuture<HttpResponse<byte[]>> postAsync(Facade facade, String sql) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(facade.baseUrl() + "/"))
        .header("Authorization", Facade.AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString(sql)).build();
    return Facade.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int queuedQueries(Facade facade) {
    return Integer.parseInt(facade.get("/ping").headers().firstValue("X-DevHealth-Queued-Queries").orElse("0"));
  }

  private static boolean refusesConnections(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  /** Polls {@code condition} until it holds, failing after {@code timeout}. */
  static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
