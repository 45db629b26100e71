package io.devhealth.sync.provider.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the git provider runs the {@code git} CLI. */
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
}
