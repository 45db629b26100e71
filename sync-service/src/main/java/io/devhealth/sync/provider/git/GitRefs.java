package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Ref tips and commit listing: what a sync extracts. */
final class GitRefs {

    /** The refs whose history is synced: exactly what {@code --branches --remotes --tags} select. */
    static final List<String> REF_PREFIXES = List.of("refs/heads", "refs/remotes", "refs/tags");

    private GitRefs() {
    }

    /**
     * Reads every local branch, remote-tracking branch and tag with the object it points at, annotated tags peeled
     * to their target.
     *
     * @return ref name → object name (the peeled commit for annotated tags), sorted by ref name
     */
    static Map<String, String> read(GitRepository repo) {
        // %00 separators: one line per ref, ref names cannot contain NUL or newline.
        List<String> args = new java.util.ArrayList<>(List.of("for-each-ref",
                "--format=%(objectname)%00%(objecttype)%00%(*objectname)%00%(refname)"));
        args.addAll(REF_PREFIXES);
        GitCli.Result result = repo.run(args);
        if (!result.ok()) {
            throw new GitCommandException("git for-each-ref failed: " + result.stderr());
        }
        Map<String, String> refs = new TreeMap<>();
        for (String line : result.stdoutText().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\0", -1);
            if (f.length != 4) {
                throw new GitOutputException("unexpected git for-each-ref output");
            }
            String target = f[1].equals("tag") && !f[2].isEmpty() ? f[2] : f[0];
            refs.put(f[3], target);
        }
        return refs;
    }

    /** Of {@code candidates}, those that exist in the repository as commits (tips of a previous sync). */
    static Set<String> existingCommits(GitRepository repo, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        StringBuilder stdin = new StringBuilder();
        for (String sha : new LinkedHashSet<>(candidates)) {
            stdin.append(sha).append('\n');
        }
        GitCli.Result result = repo.run(List.of("cat-file", "--batch-check=%(objectname) %(objecttype)"),
                stdin.toString().getBytes(StandardCharsets.US_ASCII));
        if (!result.ok()) {
            throw new GitCommandException("git cat-file failed: " + result.stderr());
        }
        Set<String> commits = new LinkedHashSet<>();
        for (String line : result.stdoutText().split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 2 && f[1].equals("commit")) {
                commits.add(f[0]);
            }
        }
        return commits;
    }

    /**
     * {@code git rev-list} of exactly {@code tips} (the object names {@link #read} returned, fed on stdin), minus
     * history reachable from {@code exclude} (the tips a previous sync fully extracted). Walking the tips read, not
     * {@code --branches} again, keeps the cursor the exact set of tips walked: a ref that moves between the two
     * commands is picked up by the next run instead of being recorded as synced.
     */
    static CommitList revList(GitRepository repo, Collection<String> tips, Collection<String> exclude) {
        if (tips.isEmpty()) {
            return CommitList.EMPTY;
        }
        StringBuilder stdin = new StringBuilder();
        for (String sha : new LinkedHashSet<>(tips)) {
            stdin.append(sha).append('\n');
        }
        for (String sha : exclude) {
            stdin.append('^').append(sha).append('\n');
        }
        GitCli.Result result = repo.run(List.of("rev-list", "--stdin"), stdin.toString().getBytes(StandardCharsets.US_ASCII));
        if (!result.ok()) {
            throw new GitCommandException("git rev-list failed: " + result.stderr());
        }
        return CommitList.of(result.stdout());
    }

    /**
     * The shallow boundary commits of a shallow clone ({@code $GIT_DIR/shallow}: commits whose parents git pretends
     * not to exist), sorted; empty for a complete repository.
     */
    static Set<String> shallowBoundary(GitRepository repo) {
        GitCli.Result result = repo.run(List.of("rev-parse", "--path-format=absolute", "--git-path", "shallow"));
        if (!result.ok()) {
            throw new GitCommandException("git rev-parse failed: " + result.stderr());
        }
        java.nio.file.Path file = java.nio.file.Path.of(result.stdoutText().strip());
        try {
            Set<String> boundary = new java.util.TreeSet<>();
            for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    boundary.add(line.strip());
                }
            }
            return boundary;
        } catch (java.nio.file.NoSuchFileException complete) {
            return Set.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The branch HEAD points at ({@code main}), or {@code ""} when HEAD is detached or names a branch that does not
     * exist (an unborn branch, e.g. a bare repository created with another default).
     */
    static String defaultBranch(GitRepository repo, Map<String, String> refs) {
        GitCli.Result result = repo.run(List.of("symbolic-ref", "--quiet", "HEAD"));
        if (!result.ok()) {
            return "";
        }
        String ref = result.stdoutText().strip();
        if (!ref.startsWith("refs/heads/") || !refs.containsKey(ref)) {
            return "";
        }
        return ref.substring("refs/heads/".length());
    }
}
