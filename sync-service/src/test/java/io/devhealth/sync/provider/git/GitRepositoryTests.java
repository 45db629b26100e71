package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.testengines.Scripts;

/** Repository validation: the reasons users see when a run fails before reading anything. */
class GitRepositoryTests {

    @TempDir
    Path tmp;

    private static GitRepository open(Path path) throws SyncFailedException {
        return GitRepository.open(new GitCli("git"), path.toString());
    }

    @Test
    void nonExistentPath() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> open(missing)).isInstanceOf(SyncFailedException.class)
                .hasMessage("repository path does not exist: " + missing);
    }

    @Test
    void relativePath() {
        assertThatThrownBy(() -> GitRepository.open(new GitCli("git"), "some/repo"))
                .isInstanceOf(SyncFailedException.class).hasMessage("repository path must be absolute: some/repo");
    }

    @Test
    void missingOption() {
        assertThatThrownBy(() -> GitRepository.open(new GitCli("git"), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("repositoryPath is required");
    }

    @Test
    void directoryThatIsNotARepository() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> open(plain)).isInstanceOf(SyncFailedException.class)
                .hasMessage("not a git repository: " + plain);
    }

    @Test
    void subdirectoryOfARepositoryIsNotARepository() throws IOException {
        GitFixture git = GitFixture.init(tmp.resolve("repo")).write("sub/file.txt", "x\n");
        git.commitAll("one");
        Path sub = git.dir().resolve("sub");
        assertThatThrownBy(() -> open(sub)).isInstanceOf(SyncFailedException.class)
                .hasMessage("not a git repository: " + sub);
    }

    @Test
    void fileWhereADirectoryIsExpected() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> open(file)).isInstanceOf(SyncFailedException.class)
                .hasMessage("not a git repository: " + file + " (not a directory)");
    }

    @Test
    void linkedWorktreeIsARepository() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("main")).write("f.txt", "x\n");
        git.commitAll("one");
        git.run("worktree", "add", "-q", "-b", "side", tmp.resolve("linked").toString());

        // Its own git directory has no objects/: they live in the main repository's common directory.
        GitRepository linked = open(tmp.resolve("linked"));
        assertThat(linked.bare()).isFalse();
        assertThat(GitRefs.read(linked)).containsKeys("refs/heads/main", "refs/heads/side");
    }

    @Test
    void repositoryOwnedByAnotherUserIsTrusted() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("theirs")).write("f.txt", "x\n");
        git.commitAll("one");
        if (!isRoot()) {
            // Only root can hand a directory to another user; as a normal user the ownership check is moot.
            assertThat(open(git.dir()).bare()).isFalse();
            return;
        }
        chownToNobody(git.dir());
        // Plain git refuses it ("dubious ownership"); the provider trusts exactly the configured path.
        assertThat(git.tryRun("log", "-1").exit()).isNotZero();
        GitRepository repo = open(git.dir());
        assertThat(GitRefs.read(repo)).containsKey("refs/heads/main");
    }

    /**
     * A repository the service's OS user cannot read. Root bypasses file permissions (CAP_DAC_OVERRIDE), and CI runs
     * as root, so then the check runs in a JVM started as {@code nobody} with {@code runuser}, as a non-root service
     * account would: a 0700 directory of root's is unreadable to it.
     */
    @Test
    void unreadableRepository() throws Exception {
        Path base = isRoot() ? Files.createTempDirectory(Path.of("/tmp"), "devhealth-unreadable-") : tmp;
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            GitFixture git = GitFixture.init(base.resolve("secret")).write("f.txt", "x\n");
            git.commitAll("one");
            Files.setPosixFilePermissions(git.dir(), PosixFilePermissions.fromString(isRoot() ? "rwx------" : "---------"));
            String message = isRoot() ? openAsNobody(git.dir()) : failureMessage(git.dir());
            assertThat(message).isEqualTo("repository is not readable: " + git.dir());
            Files.setPosixFilePermissions(git.dir(), PosixFilePermissions.fromString("rwx------"));
        } finally {
            if (isRoot()) {
                deleteRecursively(base);
            }
        }
    }

    @Test
    void unreadableGitDirectory() throws Exception {
        if (!isRoot()) {
            GitFixture git = GitFixture.init(tmp.resolve("half")).write("f.txt", "x\n");
            git.commitAll("one");
            Files.setPosixFilePermissions(git.dir().resolve(".git/objects"), PosixFilePermissions.fromString("---------"));
            try {
                assertThat(failureMessage(git.dir())).isEqualTo("repository is not readable: " + git.dir());
            } finally {
                Files.setPosixFilePermissions(git.dir().resolve(".git/objects"),
                        PosixFilePermissions.fromString("rwx------"));
            }
            return;
        }
        Path base = Files.createTempDirectory(Path.of("/tmp"), "devhealth-unreadable-");
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            GitFixture git = GitFixture.init(base.resolve("half")).write("f.txt", "x\n");
            git.commitAll("one");
            // The work tree is world-readable, the object database is not.
            chmodRecursively(git.dir(), "rwxr-xr-x", "rw-r--r--");
            Files.setPosixFilePermissions(git.dir().resolve(".git/objects"), PosixFilePermissions.fromString("rwx------"));
            assertThat(openAsNobody(git.dir())).isEqualTo("repository is not readable: " + git.dir());
        } finally {
            deleteRecursively(base);
        }
    }

    private static String failureMessage(Path path) {
        try {
            open(path);
            return "opened";
        } catch (SyncFailedException e) {
            return e.getMessage();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@link RepositoryCheck} as {@code nobody}; returns what it printed. */
    private static String openAsNobody(Path path) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path classes = readableCopy(Path.of("target/classes"));
        Path testClasses = readableCopy(Path.of("target/test-classes"));
        try {
            List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", java, "-cp",
                    classes + ":" + testClasses, RepositoryCheck.class.getName(), path.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return out;
        } finally {
            Scripts.deleteRecursively(classes);
            Scripts.deleteRecursively(testClasses);
        }
    }

    /**
     * A copy of {@code classes} that {@code nobody} can read: the checkout itself may sit below a directory only
     * root may enter (a clone in a {@code mktemp -d} directory, as CI makes).
     */
    private static Path readableCopy(Path classes) throws IOException {
        Path copy = Files.createTempDirectory("devhealth-classes-");
        try (var paths = Files.walk(classes)) {
            for (Path source : paths.toList()) {
                Path target = copy.resolve(classes.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        chmodRecursively(copy, "rwxr-xr-x", "rw-r--r--");
        return copy;
    }

    private static void chownToNobody(Path dir) throws Exception {
        Process process = new ProcessBuilder("chown", "-R", "nobody:nogroup", dir.toString()).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }

    private static void chmodRecursively(Path dir, String dirs, String files) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dirs : files));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
