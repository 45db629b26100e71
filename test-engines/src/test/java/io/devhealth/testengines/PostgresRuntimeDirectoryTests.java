package io.devhealth.testengines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev/engines/postgres} trusts its runtime directory (the binaries root runs, the clusters) only when it is a
 * real directory of its own user that nobody else can write: under the world-writable {@code /var/tmp} another
 * local user could otherwise create it first, or plant a symbolic link there.
 */
class PostgresRuntimeDirectoryTests {

    @Test
    void aRuntimeDirectoryItDidNotMakeForItselfIsRefused(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("planted-link"), elsewhere);
        assertRefused(run(link), "is a symbolic link");

        Path open = Files.createDirectory(dir.resolve("world-writable"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertRefused(run(open), "others can write to it (mode 777)");

        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertRefused(run(file), "not a directory");
    }

    @Test
    void aRuntimeDirectoryOfAnotherUserIsRefused(@TempDir Path dir) throws Exception {
        // Only root can hand a directory to another user; CI runs as root, so there this case always runs.
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new org.opentest4j.TestAbortedException("needs root to create a directory owned by another user");
        }
        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        Files.setOwner(foreign, foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertRefused(run(foreign), "belongs to uid");
    }

    @Test
    void aMissingRuntimeDirectoryIsCreatedForItsUserOnly(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("fresh");
        Result result = run(fresh);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.isDirectory(fresh)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwxr-xr-x");
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code dev/engines/postgres destroy} of a data directory that never existed, with the given runtime directory. */
    private static Result run(Path runtimeDirectory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Scripts.repoRoot().resolve("dev/engines/postgres").toString(),
                "destroy", runtimeDirectory.resolveSibling("no-such-data-dir").toString()).redirectErrorStream(true);
        builder.environment().put("DEVHEALTH_RUNTIME_DIR", runtimeDirectory.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static void assertRefused(Result result, String why) {
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("refusing the runtime directory").contains(why);
    }
}
