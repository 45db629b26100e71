package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a usable kubectl the manifest tests fail loudly, saying what to install; they never pass on nothing. */
class KustomizeTests {

    @Test
    void aMissingKubectlFailsWithAnInstallHint(@TempDir Path empty) {
        assertThatThrownBy(() -> Kustomize.kubectl(List.of(empty)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubectl not found")
                .hasMessageContaining(Kustomize.INSTALL_HINT);
    }

    @Test
    void anOldKubectlFailsWithAnInstallHint(@TempDir Path dir) throws Exception {
        // Debian's kubernetes-client 1.20: its built-in Kustomize cannot build these overlays.
        Path old = dir.resolve("kubectl");
        Files.writeString(old, "#!/bin/sh\necho '{\"clientVersion\": {\"major\": \"1\", \"minor\": \"20\"}}'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> Kustomize.kubectl(List.of(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too old")
                .hasMessageContaining(Kustomize.INSTALL_HINT);
    }

    @Test
    void aKustomizationThatDoesNotBuildFailsWithKubectlsMessage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

        assertThatThrownBy(() -> Kustomize.render(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void everyOverlayIsADirectoryWithAKustomization() {
        assertThat(Kustomize.overlays()).allSatisfy(overlay ->
                assertThat(Repo.root().resolve("k8s").resolve(overlay).resolve("kustomization.yaml")).isRegularFile());
        try (var dirs = Files.list(Repo.root().resolve("k8s/overlays"))) {
            // A new overlay must be added to the list the tests render.
            assertThat(dirs.map(d -> "overlays/" + d.getFileName()).toList())
                    .containsExactlyInAnyOrderElementsOf(Kustomize.overlays().stream().filter(o -> o.startsWith("overlays/")).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
