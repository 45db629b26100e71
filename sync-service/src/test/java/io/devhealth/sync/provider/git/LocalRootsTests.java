package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.provider.SyncFailedException;

/** The run-time check of local repository paths, on real directories and symbolic links. */
class LocalRootsTests {

    @TempDir
    Path tmp;

    @Test
    void aPathUnderBothRootsResolvesToItsRealPath() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("operator/org/app"));
        Path viaLink = Files.createSymbolicLink(tmp.resolve("operator/org/alias"), repo);
        LocalRoots roots = new LocalRoots(List.of(tmp.resolve("operator").toString()));

        assertThat(roots.permittedRealPath(repo.toString(), org(tmp.resolve("operator/org")))).isEqualTo(repo);
        assertThat(roots.permittedRealPath(viaLink.toString(), org(tmp.resolve("operator/org")))).isEqualTo(repo);
        assertThat(roots.permittedRealPath(tmp.resolve("operator/org/app/../app").toString(),
                org(tmp.resolve("operator/org")))).isEqualTo(repo);
        // A root is a directory of its own too.
        assertThat(roots.permittedRealPath(tmp.resolve("operator/org").toString(), org(tmp.resolve("operator/org"))))
                .isEqualTo(tmp.resolve("operator/org"));
    }

    @Test
    void rootsThatAreSymbolicLinksCountByTheirRealPath() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("data/git/app"));
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("srv-git"), tmp.resolve("data/git"));
        LocalRoots roots = new LocalRoots(List.of(linkedRoot.toString()));

        assertThat(roots.permittedRealPath(linkedRoot.resolve("app").toString(), org(linkedRoot))).isEqualTo(real);
    }

    @Test
    void everyRefusalReadsTheSame() throws Exception {
        Path operator = Files.createDirectories(tmp.resolve("operator"));
        Path org = Files.createDirectories(operator.resolve("org"));
        Files.createDirectories(operator.resolve("other/app"));
        Files.createDirectories(operator.resolve("orgx/app"));
        Files.createDirectories(tmp.resolve("outside/app"));
        Files.createSymbolicLink(org.resolve("escape"), tmp.resolve("outside/app"));
        Files.createSymbolicLink(org.resolve("dangling"), tmp.resolve("outside/none"));
        LocalRoots roots = new LocalRoots(List.of(operator.toString()));

        List<String> refused = List.of(
                operator.resolve("other/app").toString(),      // under the operator's root only
                operator.resolve("orgx/app").toString(),       // a sibling sharing the root's name as a prefix
                tmp.resolve("outside/app").toString(),         // under neither
                tmp.resolve("outside/none").toString(),        // under neither, missing
                org.resolve("escape").toString(),              // a link out of both
                org.resolve("dangling").toString(),            // a link to a missing path outside
                org.resolve("missing").toString(),             // inside, missing
                org + "/../other/app",                         // '..' out of the organization's root
                "relative/app",
                "/");
        for (String path : refused) {
            assertThatThrownBy(() -> roots.permittedRealPath(path, org(org))).as(path)
                    .isInstanceOf(SyncFailedException.class)
                    .hasMessage("repository path is not permitted: " + path + " (a git sync reads only existing "
                            + "directories under both the organization's repositories.local-roots setting and this "
                            + "sync host's devhealth.sync.local-roots)");
        }
    }

    @Test
    void withoutRootsNothingIsPermitted() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("app"));

        assertThatThrownBy(() -> new LocalRoots(List.of()).permittedRealPath(repo.toString(), org(tmp)))
                .isInstanceOf(SyncFailedException.class);
        LocalRoots operator = new LocalRoots(List.of(tmp.toString()));
        for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of(),
                Map.of(LocalRoots.ORG_SETTING, List.of()),
                Map.of(LocalRoots.ORG_SETTING, tmp.toString()),
                Map.of(LocalRoots.ORG_SETTING, List.of("relative", 42)))) {
            assertThatThrownBy(() -> operator.permittedRealPath(repo.toString(), settings)).as(settings.toString())
                    .isInstanceOf(SyncFailedException.class);
        }
        assertThatThrownBy(() -> operator.permittedRealPath(repo.toString(), null))
                .isInstanceOf(SyncFailedException.class);
    }

    @Test
    void aNulInThePathIsRefusedWithoutEchoingIt() {
        LocalRoots roots = new LocalRoots(List.of(tmp.toString()));

        assertThatThrownBy(() -> roots.permittedRealPath(tmp + "/a\u0000b", org(tmp)))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageStartingWith("repository path is not permitted: " + tmp + "/a?b (")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void relativeOperatorRootsStopTheService() {
        assertThatThrownBy(() -> new LocalRoots(List.of("srv/git")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("devhealth.sync.local-roots");
    }

    private static Map<String, Object> org(Path... roots) {
        return Map.of(LocalRoots.ORG_SETTING, java.util.Arrays.stream(roots).map(Path::toString).toList());
    }
}
