package io.devhealth.sync.provider.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} CLI the way code hosts do (GitLab's Gitaly, Sourcegraph's gitserver): one process per
 * command, machine-readable output, nothing from the host's or user's configuration leaking in.
 *
 * <p>Every command gets:
 * <ul>
 * <li>{@code -c safe.directory=<repo>}: repositories owned by another OS user (a mounted volume) would
 *     otherwise fail with "dubious ownership"; only the repository being synced is trusted;</li>
 * <li>{@code GIT_CEILING_DIRECTORIES=<parent>}: discovery never walks above the configured path, so a
 *     plain directory inside some other checkout is "not a git repository" instead of syncing its parent;</li>
 * <li>{@code GIT_ALLOW_PROTOCOL=none}: no transport is allowed, so a partial clone never tries to fetch a
 *     missing object from its promisor remote (git 2.39 has no {@code GIT_NO_LAZY_FETCH}, added in 2.44);
 *     the read fails at once with "could not fetch … from promisor remote" and the commit is counted as
 *     missing;</li>
 * <li>{@code GIT_CONFIG_GLOBAL=/dev/null}, {@code GIT_CONFIG_NOSYSTEM=1}: the service account's and the
 *     machine's git configuration do not change the output (the repository's own configuration still applies,
 *     as it does for a user running {@code git log} in it);</li>
 * <li>{@code LC_ALL=C}, {@code GIT_TERMINAL_PROMPT=0}, no pager, no color, {@code core.quotepath=off},
 *     {@code log.showSignature=false}, {@code log.showRoot=true}, and every inherited {@code GIT_*} variable
 *     removed (a service started from a git hook must not inherit {@code GIT_DIR}).</li>
 * </ul>
 */
final class GitCli {

    /** stderr kept per command: enough for git's message, bounded for a runaway process. */
    private static final int STDERR_LIMIT = 16 * 1024;

    private final String executable;

    GitCli(String executable) {
        this.executable = executable;
    }

    String executable() {
        return executable;
    }

    /**
     * Starts {@code git <args>} in {@code dir}.
     *
     * @param safeDirectories paths trusted via {@code safe.directory} (the repository path as given and its real
     *                        path)
     */
    Process start(Path dir, List<String> safeDirectories, List<String> args) {
        return start(dir, safeDirectories, args, Map.of());
    }

    /**
     * Starts {@code git <args>} in {@code dir} with {@code extraEnv} added to (and overriding) the environment above, e.g.
     * a transport that network commands allow ({@link GitTransport}).
     */
    Process start(Path dir, List<String> safeDirectories, List<String> args, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.add("--no-pager");
        for (String safe : safeDirectories) {
            command.add("-c");
            command.add("safe.directory=" + safe);
        }
        for (String option : List.of("core.quotepath=off", "log.showSignature=false", "log.showRoot=true",
                "color.ui=never", "core.pager=cat")) {
            command.add("-c");
            command.add(option);
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_ALLOW_PROTOCOL", "none");
        env.put("GIT_PAGER", "cat");
        env.put("PAGER", "cat");
        env.put("LC_ALL", "C");
        env.put("LANGUAGE", "C");
        env.putAll(extraEnv);
        Path parent = dir.getParent();
        if (parent != null) {
            env.put("GIT_CEILING_DIRECTORIES", parent.toString());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a short command to completion, buffering its output (for small outputs only: refs, rev-parse).
     *
     * @param stdin bytes written to the process's stdin, or {@code null} for none
     */
    Result run(Path dir, List<String> safeDirectories, List<String> args, byte[] stdin) {
        Process process = start(dir, safeDirectories, args);
        try {
            Thread.Builder threads = Thread.ofVirtual().name("git-io");
            Thread writer = threads.start(() -> writeStdin(process, stdin));
            StderrCollector stderr = StderrCollector.start(process);
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            writer.join();
            return new Result(exit, out, stderr.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitCommandException("interrupted while running git " + String.join(" ", args));
        } finally {
            process.destroyForcibly();
        }
    }

    static void writeStdin(Process process, byte[] stdin) {
        try (OutputStream out = process.getOutputStream()) {
            if (stdin != null) {
                out.write(stdin);
            }
        } catch (IOException e) {
            // git exited before reading everything: its exit status and stderr tell why.
        }
    }

    /** A finished command: exit status, stdout bytes and (bounded) stderr text. */
    record Result(int exitCode, byte[] stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Drains a process's stderr on a virtual thread, keeping the first {@value #STDERR_LIMIT} bytes. */
    static final class StderrCollector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private StderrCollector(Process process) {
            thread = Thread.ofVirtual().name("git-stderr").start(() -> drain(process.getErrorStream()));
        }

        static StderrCollector start(Process process) {
            return new StderrCollector(process);
        }

        private void drain(InputStream in) {
            byte[] chunk = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buffer) {
                        int room = STDERR_LIMIT - buffer.size();
                        if (room > 0) {
                            buffer.write(chunk, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was destroyed; what we have is what there is
            }
        }

        /** The collected stderr, trimmed; waits (briefly) for the process to close it. */
        String text() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8).strip();
            }
        }
    }
}
