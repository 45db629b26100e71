package io.devhealth.identity.sync.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The operator's grant of local repository paths ({@code devhealth.sync.*}; env {@code DEVHEALTH_SYNC_*}), the
 * same key sync-service reads: identity refuses a git configuration outside these roots when it is written, and
 * sync-service checks the real path against its own value before every run. Set both to the same value.
 */
@ConfigMapping(prefix = "devhealth.sync")
public interface SyncLocalRootsConfig {

    /**
     * Absolute directories (comma-separated in the environment: {@code DEVHEALTH_SYNC_LOCAL_ROOTS}) under which git
     * sync configurations may point; an organization narrows them further with its {@code repositories.local-roots}
     * setting. None by default: no organization may sync a local repository until the operator names roots.
     */
    Optional<List<String>> localRoots();
}
