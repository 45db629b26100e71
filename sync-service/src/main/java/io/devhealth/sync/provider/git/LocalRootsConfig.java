package io.devhealth.sync.provider.git;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The operator's grant of local repository paths ({@code devhealth.sync.local-roots}; env
 * {@code DEVHEALTH_SYNC_LOCAL_ROOTS}). identity-service reads the same key to refuse configurations outside it;
 * this service checks every run's real repository path against it.
 */
@ConfigMapping(prefix = "devhealth.sync")
public interface LocalRootsConfig {

    /**
     * Absolute directories (comma-separated in the environment) under which git syncs may read repositories; an
     * organization narrows them with its {@code repositories.local-roots} setting. None by default: no local
     * repository can be synced until the operator names roots.
     */
    Optional<List<String>> localRoots();
}
