package io.devhealth.sync.provider.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the git provider runs the {@code git} CLI, and where hosted repositories are cloned. */
@ConfigMapping(prefix = "devhealth.git")
public interface GitConfig {

    /** The git executable (a name on PATH or an absolute path). Git ≥ 2.39. */
    @WithDefault("git")
    String executable();

    /**
     * Concurrent {@code git log} processes extracting disjoint commit sets; {@code 0} = one per available core
     * (git's diff is single-threaded, so this is where a sync beats one {@code git log}).
     */
    @WithDefault("0")
    int parallelism();

    /**
     * Directory of the bare mirrors of hosted repositories ({@link CloneCache}); default
     * {@code <java.io.tmpdir>/devhealth-git-clones}. A cache: deleting it costs a full clone per repository on the
     * next runs, nothing else. On Kubernetes, a volume (an emptyDir sized for the repositories, or a per-pod
     * persistent volume to keep mirrors across restarts).
     */
    Optional<Path> cloneCache();

    /** Upper bound of one clone or fetch; the git processes are killed when it is exceeded. */
    @WithDefault("1h")
    Duration fetchTimeout();

    /** A clone or fetch that moves less than 1 KiB/s for this long is aborted (a stalled connection). */
    @WithDefault("60s")
    Duration fetchLowSpeedTime();
}
