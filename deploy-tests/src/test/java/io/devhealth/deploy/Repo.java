package io.devhealth.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checked-out repository is: system property {@code devhealth.repo.root} (set by the build), else upwards. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("devhealth.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "k8s"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/base"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the DevHealth repository (k8s/base) from " + Path.of("").toAbsolutePath());
    }
}
