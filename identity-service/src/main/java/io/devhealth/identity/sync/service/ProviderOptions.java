package io.devhealth.identity.sync.service;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.devhealth.support.problem.ProblemException;

/**
 * Checks a sync configuration's provider and the shape of its options before they are stored. Only shapes: that
 * a repository path exists and is readable is checked by the run itself, so the failure shows in the run.
 */
final class ProviderOptions {

    static final String GIT = "git";
    static final String REPOSITORY_PATH = "repositoryPath";
    private static final Set<String> GIT_OPTIONS = Set.of(REPOSITORY_PATH);
    private static final int MAX_PATH_LENGTH = 4096;

    private ProviderOptions() {
    }

    /** Fails with a 422 problem naming the field when the provider is not supported or an option is invalid. */
    static void validate(String provider, Map<String, Object> options) {
        if (!GIT.equals(provider)) {
            throw ProblemException.invalidField("provider",
                    "provider '" + provider + "' is not supported yet; supported: git");
        }
        for (String key : options.keySet()) {
            if (!GIT_OPTIONS.contains(key)) {
                throw ProblemException.invalidField("options." + key,
                        "unknown option for provider git; known: " + GIT_OPTIONS);
            }
        }
        if (!(options.get(REPOSITORY_PATH) instanceof String path) || path.isBlank()) {
            throw ProblemException.invalidField("options." + REPOSITORY_PATH,
                    "required: the absolute path of a git repository");
        }
        if (path.length() > MAX_PATH_LENGTH || !isAbsolutePath(path)) {
            throw ProblemException.invalidField("options." + REPOSITORY_PATH,
                    "must be an absolute path of at most " + MAX_PATH_LENGTH + " characters");
        }
    }

    private static boolean isAbsolutePath(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }
}
