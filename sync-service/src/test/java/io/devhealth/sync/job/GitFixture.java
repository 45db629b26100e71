package io.devhealth.sync.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real git repositories for the tests, made with the git CLI: commits on main, a feature branch merged back
 * with a merge commit, a commit only on a second branch, and a tag. Dates are fixed, so the history is the
 * same on every run (the SHAs too).
 */
public final class GitFixture {

    private GitFixture() {
    }

    /** Creates a repository in {@code dir} with {@code mainCommits} commits on main plus the branch structure above. */
    public static Path repository(Path dir, int mainCommits) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(dir, "init", "-q", "-b", "main");
        Instant time = Instant.parse("2024-03-01T09:00:00Z");
        for (int i = 1; i <= mainCommits; i++) {
            write(dir.resolve("src/file" + (i % 5) + ".txt"), "line " + i + "\nmore " + i + "\n");
            commit(dir, "main commit " + i, time = time.plusSeconds(3_600 * 7));
        }
        git(dir, "checkout", "-q", "-b", "feature");
        for (int i = 1; i <= 3; i++) {
            write(dir.resolve("feature/f" + i + ".txt"), "feature " + i + "\n");
            commit(dir, "feature commit " + i, time = time.plusSeconds(3_600));
        }
        git(dir, "checkout", "-q", "main");
        write(dir.resolve("README.md"), "# fixture\n");
        commit(dir, "readme", time = time.plusSeconds(600));
        gitAt(dir, time = time.plusSeconds(600), "merge", "-q", "--no-ff", "-m", "merge feature", "feature");
        git(dir, "tag", "v1.0");
        git(dir, "checkout", "-q", "-b", "side");
        write(dir.resolve("side.txt"), "side\n");
        commit(dir, "side commit", time.plusSeconds(600));
        git(dir, "checkout", "-q", "main");
        return dir;
    }

    /** Adds one commit on main. */
    public static void addCommit(Path repo, String subject) {
        write(repo.resolve("later/" + System.nanoTime() + ".txt"), subject + "\n");
        commit(repo, subject, Instant.parse("2024-06-01T12:00:00Z"));
    }

    /** git's own count of what a sync must read: {@code git rev-list --count --branches --remotes --tags}. */
    public static long revListCount(Path repo) {
        return Long.parseLong(git(repo, "rev-list", "--count", "--branches", "--remotes", "--tags").strip());
    }

    private static void commit(Path dir, String subject, Instant time) {
        git(dir, "add", "-A");
        gitAt(dir, time, "commit", "-q", "-m", subject);
    }

    private static String git(Path dir, String... args) {
        return gitAt(dir, null, args);
    }

    private static String gitAt(Path dir, Instant time, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(),
                "-c", "user.name=Test Author", "-c", "user.email=author@example.test",
                "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // Independent of the machine's git configuration.
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        if (time != null) {
            String date = time.getEpochSecond() + " +0200";
            env.put("GIT_AUTHOR_DATE", date);
            env.put("GIT_COMMITTER_DATE", date);
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
