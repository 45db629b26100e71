package io.devhealth.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process of the test stack (a packaged service, nginx) run as a child of the test JVM with its output in a log
 * file; {@link #start} returns once {@code readyUrl} answers 200 and fails with the log's tail when the process exits
 * first or the deadline passes. Killed at JVM exit if a test run dies.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);

    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::destroyForcibly));
    }

    /**
     * @param command  the command line (no secrets: those go in {@code env})
     * @param env      environment variables on top of the test JVM's
     * @param readyUrl polled (every 100 ms, up to two minutes) until it answers 200
     * @throws IllegalStateException when the process exits or is not ready in time (it is killed)
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, String readyUrl) {
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        ChildProcess child;
        try {
            child = new ChildProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
        child.awaitReady(readyUrl);
        return child;
    }

    private void awaitReady(String readyUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // still starting
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException(name + " not ready at " + readyUrl + " within " + READY_DEADLINE + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readString(log, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
