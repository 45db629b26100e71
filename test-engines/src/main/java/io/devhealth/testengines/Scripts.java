package io.devhealth.testengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the engine scripts in {@code dev/engines}, the one place that knows how to start each engine. */
final class Scripts {

    private Scripts() {
    }

    /** The repository root: system property {@code devhealth.repo.root} (set by the build), else found upwards. */
    static Path repoRoot() {
        String configured = System.getProperty("devhealth.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "dev", "engines"))) {
            return Path.of(configured);
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
        List<String> command = new ArrayList<>();
        command.add(repoRoot().resolve("dev/engines").resolve(engine).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Lets an engine exit by itself when this JVM dies without running its shutdown hooks.
        builder.environment().put("DEVHEALTH_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
