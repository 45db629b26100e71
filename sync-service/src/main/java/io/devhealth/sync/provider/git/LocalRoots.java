package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.devhealth.sync.provider.SyncFailedException;
import io.quarkus.runtime.Startup;

/**
 * Local repository paths are a privilege. A git sync reads a repository only when its real path — symbolic links
 * and {@code ..} resolved by the file system ({@link Path#toRealPath}) — lies under one of the operator's roots
 * ({@code devhealth.sync.local-roots}) and under one of the organization's ({@code repositories.local-roots}
 * setting, from the configuration identity-service hands over), both resolved the same way. identity checks the
 * path lexically when the configuration is written; this is the check that counts, made before any git process
 * starts. Every refusal has the same reason, whether the path exists or not, so a run cannot be used to probe the
 * sync host's file system.
 */
@Startup
@Singleton
public class LocalRoots {

    /** The organization setting that lists its roots. */
    public static final String ORG_SETTING = "repositories.local-roots";
    static final String CONFIG_KEY = "devhealth.sync.local-roots";
    private static final int MAX_SHOWN_PATH = 1000;

    private final List<Path> operatorRoots;

    @Inject
    LocalRoots(LocalRootsConfig config) {
        this(config.localRoots().orElse(List.of()));
    }

    /** @throws IllegalStateException when a root is not an absolute path (a configuration error: fail at start) */
    public LocalRoots(List<String> operatorRoots) {
        List<Path> roots = new ArrayList<>();
        for (String root : operatorRoots) {
            Path path;
            try {
                path = Path.of(root);
            } catch (InvalidPathException e) {
                throw new IllegalStateException(CONFIG_KEY + ": not a path: " + root);
            }
            if (!path.isAbsolute()) {
                throw new IllegalStateException(CONFIG_KEY + ": must be absolute paths: " + root);
            }
            roots.add(path.normalize());
        }
        this.operatorRoots = List.copyOf(roots);
    }

    /**
     * The real path of {@code repositoryPath} when it is permitted for an organization with {@code orgSettings}.
     *
     * @throws SyncFailedException "repository path is not permitted: …", the same for every refusal
     */
    public Path permittedRealPath(String repositoryPath, Map<String, Object> orgSettings) throws SyncFailedException {
        Path real;
        try {
            Path given = Path.of(repositoryPath);
            if (!given.isAbsolute()) {
                throw notPermitted(repositoryPath);
            }
            real = given.toRealPath();
        } catch (InvalidPathException | IOException | SecurityException unresolvable) {
            throw notPermitted(repositoryPath);
        }
        if (!isUnder(real, operatorRoots) || !isUnder(real, organizationRoots(orgSettings))) {
            throw notPermitted(repositoryPath);
        }
        return real;
    }

    /** Whether {@code real} is one of {@code roots} or below one, the roots' real paths compared (missing ones skipped). */
    private static boolean isUnder(Path real, List<Path> roots) {
        return roots.stream().map(LocalRoots::realPath).filter(Objects::nonNull).anyMatch(real::startsWith);
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException | SecurityException missing) {
            return null;
        }
    }

    /** The organization's roots from its settings; anything but a list of absolute paths grants nothing. */
    private static List<Path> organizationRoots(Map<String, Object> orgSettings) {
        if (orgSettings == null || !(orgSettings.get(ORG_SETTING) instanceof List<?> listed)) {
            return List.of();
        }
        List<Path> roots = new ArrayList<>();
        for (Object root : listed) {
            try {
                if (root instanceof String text && Path.of(text).isAbsolute()) {
                    roots.add(Path.of(text));
                }
            } catch (InvalidPathException ignored) {
                // not a path: grants nothing
            }
        }
        return roots;
    }

    private static SyncFailedException notPermitted(String repositoryPath) {
        return new SyncFailedException("repository path is not permitted: " + shown(repositoryPath) + " (a git sync "
                + "reads only existing directories under both the organization's " + ORG_SETTING + " setting and "
                + "this sync host's " + CONFIG_KEY + ")");
    }

    /** The path as users may see it: control characters (NUL included) replaced, bounded. */
    private static String shown(String path) {
        StringBuilder shown = new StringBuilder();
        path.codePoints().limit(MAX_SHOWN_PATH).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return path.length() > MAX_SHOWN_PATH ? shown + "…" : shown.toString();
    }
}
