package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small repository with every case the git provider must get right, built with the git CLI:
 * adds, modifies, deletes, a binary file, names with spaces, tabs, a newline, quotes and non-ASCII bytes, a type
 * change (file → symlink), a mode change, a submodule (gitlink) added then removed, a clean merge and a merge
 * with a resolved conflict, an empty commit with a multi-line subject, non-ASCII author names, author dates in
 * several time zones (one crossing midnight UTC), a lightweight tag, an annotated tag on a commit no branch
 * reaches, and an unmerged branch.
 */
public final class SampleRepos {

    private SampleRepos() {
    }

    /** Builds the origin repository in {@code dir}. */
    public static GitFixture origin(Path dir) {
        GitFixture git = GitFixture.init(dir);
        git.author("Ada Lovelace", "Ada@Example.com", "2023-12-31T23:30:00-08:00")
                .committerDate("2024-01-01T08:00:00+00:00")
                .write("a.txt", "one\ntwo\nthree\nfour\nfive\n")
                .write("dir/b.txt", "b\n")
                .write("c.txt", "c\n")
                .write("bin.dat", new byte[] { 0, 1, 2, 3, 0, 5, 'x', '\n' })
                .write("sp ace\ttab \u00fcn\u00ef.txt", "unicode\nname\n")
                .write("new\nline.txt", "newline in name\n")
                .write("quote\"d.txt", "q\n");
        git.commitAll("initial import");

        git.author("Zo\u00eb \u00dcnicode", "ZOE@example.com", "2024-01-02T09:15:00+05:30")
                .committerDate("2024-01-02T09:20:00+05:30")
                .write("a.txt", "one\nTWO\nthree\nfour\nfive\nsix\n")
                .write("bin.dat", new byte[] { 0, 9, 9, 9, 0, 5, 'y', '\n' });
        try {
            Files.delete(dir.resolve("dir/b.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String second = git.commitAll("modify a, delete b, change binary");
        git.run("tag", "v1", second);

        git.author("Ada Lovelace", "ada@example.com", "2024-01-03T12:00:00+00:00")
                .committerDate("2024-01-03T12:00:00+00:00")
                .symlink("c.txt", "a.txt");
        String typeChange = git.commitAll("c.txt becomes a symlink");

        try {
            Files.setPosixFilePermissions(dir.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.commitAll("make a.txt executable");

        // A submodule entry (gitlink) without a checkout; the next `add -A` records its removal.
        git.run("update-index", "--add", "--cacheinfo", "160000," + second + ",vendor/lib");
        git.run("commit", "-q", "-m", "add submodule vendor/lib");

        // Clean merge of a feature branch.
        git.run("checkout", "-q", "-b", "feature", second);
        git.author("Linus Example", "linus@example.com", "2024-01-04T01:00:00+02:00")
                .committerDate("2024-01-04T01:00:00+02:00")
                .write("feature.txt", "feature\n");
        git.commitAll("feature: add");
        git.write("feature.txt", "feature\nmore\n");
        git.commitAll("feature: extend");
        git.run("checkout", "-q", "main");
        git.author("Ada Lovelace", "ada@example.com", "2024-01-05T10:00:00+00:00")
                .committerDate("2024-01-05T10:00:00+00:00");
        git.run("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature");

        // A conflicting merge, resolved by hand.
        git.run("checkout", "-q", "-b", "conflict");
        git.write("a.txt", "conflict side\nTWO\nthree\nfour\nfive\nsix\n");
        git.commitAll("conflict: change line 1");
        git.run("checkout", "-q", "main");
        git.write("a.txt", "main side\nTWO\nthree\nfour\nfive\nsix\n");
        git.commitAll("main: change line 1");
        git.author("Ada Lovelace", "ada@example.com", "2024-01-06T23:59:59-01:00")
                .committerDate("2024-01-07T01:00:00+00:00");
        GitFixture.Result merge = git.tryRun("merge", "-q", "conflict");
        if (merge.exit() == 0) {
            throw new IllegalStateException("expected a merge conflict");
        }
        git.write("a.txt", "resolved\nTWO\nthree\nfour\nfive\nsix\nseven\n");
        git.run("add", "-A");
        git.run("commit", "-q", "--no-edit");

        git.author("Ada Lovelace", "ada@example.com", "2024-01-08T08:00:00+00:00")
                .committerDate("2024-01-08T08:00:00+00:00");
        git.run("commit", "-q", "--allow-empty", "-m", "empty commit\nwith a second line\n\nand a body");

        // Strings longer than 127 bytes: RowBinary lengths take more than one LEB128 byte.
        git.write("deeply/nested/" + "directory-name-".repeat(10) + "/file.txt", "long path\n");
        git.commitAll("a long subject " + "x".repeat(300));

        // An annotated tag on a commit that no branch reaches.
        git.run("checkout", "-q", "-b", "tmp", typeChange);
        git.write("hidden.txt", "only reachable from a tag\n");
        git.commitAll("hidden work");
        git.run("tag", "-a", "v-hidden", "-m", "hidden release");
        git.run("checkout", "-q", "main");
        git.run("branch", "-q", "-D", "tmp");

        // An unmerged branch.
        git.run("checkout", "-q", "-b", "side", second);
        git.write("side.txt", "side\n");
        git.commitAll("side work");
        git.run("checkout", "-q", "main");
        return git;
    }

    /**
     * A clone of {@code origin} (remote-tracking refs for every origin branch) with one extra local branch: covers
     * {@code --branches}, {@code --remotes} and {@code --tags} at once.
     */
    static GitFixture clone(GitFixture origin, Path dir) {
        GitFixture parent = new GitFixture(dir.getParent());
        parent.run("clone", "-q", origin.dir().toString(), dir.getFileName().toString());
        GitFixture git = new GitFixture(dir);
        git.run("checkout", "-q", "-b", "local-work");
        git.author("Ada Lovelace", "ada@example.com", "2024-01-09T08:00:00+00:00")
                .committerDate("2024-01-09T08:00:00+00:00")
                .write("local.txt", "local\n");
        git.commitAll("local work");
        git.run("checkout", "-q", "main");
        return git;
    }
}
