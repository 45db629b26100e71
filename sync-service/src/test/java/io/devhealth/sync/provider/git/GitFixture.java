package io.devhealth.sync.provider.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds real git repositories with the git CLI for tests, and reads git's own answers (the oracle the sync is
 * compared with). Independent of the production parser: the oracle uses git's default, quoted, line-based
 * output, not {@code -z}.
 */
public final class GitFixture {

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    GitFixture(Path dir) {
        this.dir = dir;
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Ada Lovelace");
        env.put("GIT_AUTHOR_EMAIL", "Ada@Example.com");
        env.put("GIT_COMMITTER_NAME", "Grace Hopper");
        env.put("GIT_COMMITTER_EMAIL", "grace@example.com");
        env.put("GIT_AUTHOR_DATE", "2024-03-01T10:00:00+00:00");
        env.put("GIT_COMMITTER_DATE", "2024-03-01T10:00:00+00:00");
        env.put("LC_ALL", "C");
    }

    public Path dir() {
        return dir;
    }

    /** Initializes a repository with branch main. */
    public static GitFixture init(Path dir) {
        GitFixture git = new GitFixture(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.run("init", "-q", "-b", "main");
        return git;
    }

    public GitFixture author(String name, String email, String date) {
        env.put("GIT_AUTHOR_NAME", name);
        env.put("GIT_AUTHOR_EMAIL", email);
        env.put("GIT_AUTHOR_DATE", date);
        return this;
    }

    public GitFixture committerDate(String date) {
        env.put("GIT_COMMITTER_DATE", date);
        return this;
    }

    public GitFixture write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitFixture write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    GitFixture symlink(String path, String target) {
        try {
            Path link = dir.resolve(path);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stages everything and commits; returns the new commit's sha. */
    public String commitAll(String message) {
        run("add", "-A");
        run("commit", "-q", "--allow-empty", "-m", message);
        return head();
    }

    public String head() {
        return run("rev-parse", "HEAD").strip();
    }

    /** Runs git in the repository; fails the test on a non-zero exit. */
    public String run(String... args) {
        Result result = tryRun(args);
        if (result.exit != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + result.exit + "): "
                    + new String(result.stderr, StandardCharsets.UTF_8));
        }
        return new String(result.stdout, StandardCharsets.UTF_8);
    }

    Result tryRun(String... args) {
        return tryRunWithInput(new byte[0], args);
    }

    /** Runs git with {@code stdin} as its input (e.g. a {@code git fast-import} stream); fails on a non-zero exit. */
    String runWithInput(byte[] stdin, String... args) {
        Result result = tryRunWithInput(stdin, args);
        if (result.exit != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + result.exit + "): "
                    + new String(result.stderr, StandardCharsets.UTF_8));
        }
        return new String(result.stdout, StandardCharsets.UTF_8);
    }

    Result tryRunWithInput(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Thread feed = Thread.ofVirtual().start(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // git exited early; its exit status says why
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException e) {
                    // ignore
                }
            });
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            drain.join();
            feed.join();
            return new Result(exit, out, err.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exit, byte[] stdout, byte[] stderr) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // The oracle: git's own answers.

    /** {@code git rev-list --branches --remotes --tags}. */
    public List<String> revList() {
        return run("rev-list", "--branches", "--remotes", "--tags").lines().toList();
    }

    /** A commit's metadata as git formats it. */
    public record OracleCommit(String sha, List<String> parents, String authorName, String authorEmail, long authorTime,
            String authorTz, String committerName, String committerEmail, long committerTime, String committerTz,
            String subject) {
    }

    /** One numstat row (path unquoted to its bytes) with its --name-status letter. */
    public record OracleFile(String path, int additions, int deletions, boolean binary, String status) {
    }

    /**
     * Metadata of every commit {@code git log --branches --remotes --tags} shows, by sha (ASCII unit/record
     * separators; subjects cannot contain them in our fixtures).
     */
    public Map<String, OracleCommit> commits() {
        String out = run("log", "--branches", "--remotes", "--tags",
                "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ai%x1f%cn%x1f%ce%x1f%ct%x1f%ci%x1f%s%x1e");
        Map<String, OracleCommit> commits = new LinkedHashMap<>();
        for (String record : out.split("\u001e")) {
            String r = record.strip();
            if (r.isEmpty()) {
                continue;
            }
            String[] f = r.split("\u001f", -1);
            List<String> parents = f[1].isEmpty() ? List.of() : List.of(f[1].split(" "));
            commits.put(f[0], new OracleCommit(f[0], parents, f[2], f[3], Long.parseLong(f[4]), lastWord(f[5]), f[6],
                    f[7], Long.parseLong(f[8]), lastWord(f[9]), f[10]));
        }
        return commits;
    }

    /**
     * {@code git log --branches --remotes --tags --numstat --no-renames} (+ {@code --name-status} run separately),
     * per sha: the file rows git prints, paths C-unquoted.
     */
    public Map<String, List<OracleFile>> numstat() {
        Map<String, List<String[]>> numstat = sections(run("log", "--branches", "--remotes", "--tags", "--numstat",
                "--no-renames", "--format=@@%H"));
        Map<String, List<String[]>> status = sections(run("log", "--branches", "--remotes", "--tags",
                "--name-status", "--no-renames", "--format=@@%H"));
        Map<String, List<OracleFile>> files = new LinkedHashMap<>();
        numstat.forEach((sha, rows) -> {
            Map<String, String> statusByPath = new HashMap<>();
            for (String[] s : status.getOrDefault(sha, List.of())) {
                statusByPath.put(unquote(s[1]), s[0]);
            }
            List<OracleFile> list = new ArrayList<>();
            for (String[] row : rows) {
                String path = unquote(row[2]);
                boolean binary = row[0].equals("-");
                list.add(new OracleFile(path, binary ? 0 : Integer.parseInt(row[0]),
                        binary ? 0 : Integer.parseInt(row[1]), binary, statusByPath.get(path)));
            }
            files.put(sha, list);
        });
        return files;
    }

    private static Map<String, List<String[]>> sections(String out) {
        Map<String, List<String[]>> sections = new LinkedHashMap<>();
        List<String[]> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("@@")) {
                current = new ArrayList<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty() && current != null) {
                current.add(line.split("\t", 3));
            }
        }
        return sections;
    }

    private static String lastWord(String s) {
        return s.substring(s.lastIndexOf(' ') + 1);
    }

    /** Undoes git's C-style path quoting ({@code "a\tb\303\274"} → the bytes, decoded as UTF-8). */
    static String unquote(String s) {
        if (!s.startsWith("\"")) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case '"' -> bytes.write('"');
                case '\\' -> bytes.write('\\');
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'r' -> bytes.write('\r');
                case 'v' -> bytes.write(11);
                default -> {
                    bytes.write(Integer.parseInt(s.substring(i, i + 3), 8));
                    i += 2;
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** UTC offset "+0530" → minutes. */
    public static int tzMinutes(String tz) {
        int minutes = Integer.parseInt(tz.substring(1, 3)) * 60 + Integer.parseInt(tz.substring(3, 5));
        return tz.charAt(0) == '-' ? -minutes : minutes;
    }
}
