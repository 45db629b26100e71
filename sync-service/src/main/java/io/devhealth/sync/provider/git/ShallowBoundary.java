package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A shallow clone's boundary commits, and what deepening one ({@code git fetch --deepen}/{@code --unshallow})
 * changes. A boundary commit is shown without parents and diffed against the empty tree, so a run writes it with
 * no parents and one "added" row per file of its tree; once deepened it has its real parents and diff, and the
 * history below it becomes visible.
 */
final class ShallowBoundary {

    private ShallowBoundary() {
    }

    /** Boundary commits of {@code previous} that are no longer boundaries (their parents arrived). */
    static Set<String> deepened(GitCursor previous, GitCursor next) {
        Set<String> deepened = new LinkedHashSet<>(previous.shallow());
        deepened.removeAll(next.shallow());
        return deepened;
    }

    /**
     * Every path of {@code sha}'s tree (blobs and submodule entries), as raw bytes: the file rows a run wrote for
     * the commit while it was a boundary.
     */
    static List<byte[]> treePaths(GitRepository repo, String sha) {
        GitCli.Result result = repo.run(List.of("ls-tree", "-r", "-z", "--full-tree", "--name-only", sha));
        if (!result.ok()) {
            throw new GitCommandException("git ls-tree failed: " + result.stderr());
        }
        List<byte[]> paths = new ArrayList<>();
        byte[] out = result.stdout();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                byte[] path = new byte[i - start];
                System.arraycopy(out, start, path, 0, path.length);
                paths.add(path);
                start = i + 1;
            }
        }
        return paths;
    }

    /** {@code paths} minus the paths of {@code commit}'s own file rows (compared as bytes). */
    static List<byte[]> stale(List<byte[]> paths, GitCommit commit) {
        Set<String> current = new java.util.HashSet<>();
        commit.files().forEach(file -> current.add(new String(file.path(), StandardCharsets.ISO_8859_1)));
        return paths.stream().filter(path -> !current.contains(new String(path, StandardCharsets.ISO_8859_1))).toList();
    }
}
