package io.devhealth.testengines;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child process of the test
 * JVM: {@code java -jar} by the JDK running the tests, on a free port of 127.0.0.1, from a private copy of the
 * application, with its output in {@code target/<name>-<port>.log}. {@link #start} returns once
 * {@code /q/health/ready} answers 200 (polled until a deadline; fails early with the log's tail when the process
 * exits). A JVM shutdown hook kills it if a test run dies.
 *
 * <p>Used by {@link LocalStack} (the three services behind the gateway), and by sync-service's tests for the
 * identity-service they run and the sync-service replicas they kill and restart.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Thread shutdownHook;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::kill);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code jar} (its application directory is copied first) and waits until it is ready.
     *
     * @param name     the service's name, for the log file, the private copy and messages (e.g. {@code sync-service})
     * @param env      environment variables on top of the test JVM's (secrets belong here, not on the command line);
     *                 {@code QUARKUS_HTTP_HOST} and {@code QUARKUS_HTTP_PORT} are set by this method
     * @param jvmFlags JVM options before {@code -jar}
     * @throws IllegalStateException when it cannot start or is not ready within two minutes (the process is killed)
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, List<String> jvmFlags) {
        int port = Scripts.freePort();
        Path app = privateCopy(jar, Path.of("target", name + "-app-" + port).toAbsolutePath());
        Path log = Path.of("target", name + "-" + port + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess started;
        try {
            started = new ServiceProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
        started.awaitReady();
        return started;
    }

    /** The service's name, as given to {@link #start}. */
    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the process's output, for failure messages. */
    public String tail() {
        return tail(log);
    }

    /** SIGSTOP: the process freezes (a stalled VM, a long GC pause) until {@link #resume()}; its clocks run on. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    /** Whether the process's output so far contains {@code text}. */
    public boolean logged(String text) {
        return log().contains(text);
    }

    /** The process's whole output so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the process and every descendant (git children of a sync run); returns once it is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    /** SIGTERM (graceful: Quarkus closes its pools and ends its runs), then {@link #kill()} after 10 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        int lastStatus = -1;
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue()
                            + " before it was ready; its log (" + log + "):\n" + tail());
                }
                try {
                    lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (lastStatus == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // starting
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        kill();
        throw new IllegalStateException(name + " not ready within " + READY_DEADLINE + " (last status " + lastStatus
                + "); its log (" + log + "):\n" + tail());
    }

    /**
     * Copies the application ({@code quarkus-app/}) to {@code target} and returns the copy's jar. Quarkus loads classes
     * lazily from its jars, so a process run straight from the module's build output hangs when the module is
     * rebuilt meanwhile (another build in the same checkout); the copy is immune. One copy per process (its port).
     */
    private static Path privateCopy(Path jar, Path target) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("application jar not found at " + jar.toAbsolutePath()
                    + ": package the module first (./mvnw -pl <module> -am package -DskipTests)");
        }
        Path source = jar.getParent();
        try {
            if (Files.exists(target)) {
                try (var old = Files.walk(target)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (var files = Files.walk(source)) {
                for (Path path : files.toList()) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the application from " + source + " to " + target, e);
        }
        return target.resolve(jar.getFileName().toString());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
