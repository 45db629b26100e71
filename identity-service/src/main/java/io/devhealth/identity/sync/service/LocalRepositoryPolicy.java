package io.devhealth.identity.sync.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.input.LocalPaths;
import io.devhealth.identity.setting.service.KnownSetting;
import io.devhealth.identity.setting.service.SettingService;
import io.devhealth.identity.sync.config.SyncLocalRootsConfig;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Local repository paths are a privilege: a git configuration's {@code repositoryPath} must lie under one of the
 * operator's roots ({@code devhealth.sync.local-roots}) and under one of the organization's
 * ({@code repositories.local-roots} setting). Checked here lexically when a configuration is written; sync-service
 * checks the resolved real path again before each run. Identity never looks at the file system, so its answer
 * cannot tell whether a path exists.
 */
@Startup
@ApplicationScoped
public class LocalRepositoryPolicy {

    static final String CONFIG_KEY = "devhealth.sync.local-roots";

    private final List<Path> operatorRoots;
    private final SettingService settings;

    LocalRepositoryPolicy(SyncLocalRootsConfig config, SettingService settings) {
        this.operatorRoots = operatorRoots(config.localRoots().orElse(List.of()));
        this.settings = settings;
    }

    /**
     * Fails with 422 naming {@code field} unless {@code path} (already normalized by {@link LocalPaths}) lies under
     * an operator root and under one of the organization's roots. Runs in the caller's session.
     */
    public Uni<Void> requirePermitted(UUID organizationId, Path path, String field) {
        return settings.value(organizationId, KnownSetting.REPOSITORIES_LOCAL_ROOTS).invoke(value -> {
            if (!LocalPaths.isUnder(path, operatorRoots) || !LocalPaths.isUnder(path, organizationRoots(value))) {
                throw ProblemException.invalidField(field, "must lie under one of this organization's "
                        + KnownSetting.REPOSITORIES_LOCAL_ROOTS.key() + " (a setting admins manage) and under the "
                        + "local roots the operator allows sync hosts to read (" + CONFIG_KEY + ")");
            }
        }).replaceWithVoid();
    }

    private static List<Path> organizationRoots(JsonNode value) {
        List<Path> roots = new ArrayList<>();
        value.forEach(root -> roots.add(Path.of(root.asText())));
        return roots;
    }

    /** The configured roots, normalized; a relative or malformed one stops the service at start-up. */
    private static List<Path> operatorRoots(List<String> configured) {
        List<Path> roots = new ArrayList<>();
        for (String root : configured) {
            try {
                roots.add(LocalPaths.normalize(root, CONFIG_KEY));
            } catch (ProblemException invalid) {
                throw new IllegalStateException(CONFIG_KEY + ": '" + root + "' " + invalid.violations().getFirst()
                        .message());
            }
        }
        return List.copyOf(roots);
    }
}
