package io.devhealth.identity.input;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * Absolute paths on a sync host (repository paths, local roots) as identity-service checks them: lexically only,
 * since identity never looks at the sync host's file system (sync-service checks the real path again before it
 * reads anything).
 */
public final class LocalPaths {

    /** Longest accepted path, in characters (Linux's PATH_MAX). */
    public static final int MAX_LENGTH = 4096;

    private LocalPaths() {
    }

    /**
     * {@code raw} as a lexically normalized absolute path ({@code //} and {@code .} segments and a trailing slash
     * removed). Fails with 422 naming {@code field} when it is blank, relative, longer than {@link #MAX_LENGTH},
     * contains NUL or a {@code ..} segment (refused rather than resolved: what {@code ..} means depends on
     * symbolic links only the sync host can see).
     */
    public static Path normalize(String raw, String field) {
        Text.problem(raw).ifPresent(problem -> {
            throw ProblemException.invalidField(field, problem);
        });
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(field, "required: an absolute path");
        }
        if (raw.length() > MAX_LENGTH || !raw.startsWith("/")) {
            throw ProblemException.invalidField(field,
                    "must be an absolute path of at most " + MAX_LENGTH + " characters");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException notAPath) {
            throw ProblemException.invalidField(field, "must be an absolute path");
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw ProblemException.invalidField(field, "must not contain '..' segments");
            }
        }
        return path.normalize();
    }

    /** Whether {@code path} is one of {@code roots} or lies below one (whole segments: /srv/gitx is not under /srv/git). */
    public static boolean isUnder(Path path, Collection<Path> roots) {
        return roots.stream().anyMatch(path::startsWith);
    }
}
