package io.devhealth.testengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the engine scripts in {@code dev/engines}, the one place that knows how to start each engine, plus the
 * small file and port helpers the engines and their tests share.
 */
public final class Scripts {

    /** What a script printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    private Scripts() {
    }

    /** The repository root: system property {@code devhealth.repo.root} (set by the build), else found upwards. */
    public static Path repoRoot() {
        String configured = System.getProperty("devhealth.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "dev", "engines"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dev/engines"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the DevHealth repository (dev/engines) from " + Path.of("").toAbsolutePath());
    }

    /** Runs {@code dev/engines/<engine> args…}; returns its output, or throws with the output when it fails. */
    static String run(String engine, String... args) {
        Result result = exec(engine, ProcessHandle.current().pid(), args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("dev/engines/" + engine + " " + String.join(" ", args) + " failed ("
                    + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    /**
     * Runs {@code dev/engines/<engine> args…} and reports how it exited. The engine it starts exits by itself
     * once process {@code parentPid} is gone (for this JVM: also when it dies without running shutdown hooks).
     */
    public static Result exec(String engine, long parentPid, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoRoot().resolve("dev/engines").resolve(engine).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEVHEALTH_PARENT_PID", Long.toString(parentPid));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** A TCP port free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) {
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
