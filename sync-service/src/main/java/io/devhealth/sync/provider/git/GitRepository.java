package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A validated local git repository (bare or with a work tree) and the git CLI bound to it.
 *
 * @param path     the repository's real path (symlinks resolved): the work tree root, or the git directory of a
 *                 bare repository; part of the repository's identity
 * @param bare            whether it is a bare repository
 * @param git             the CLI, run with the repository as working directory
 * @param safeDirectories the paths git is told to trust despite another owner ({@code safe.directory}): the
 *                        configured path and its real path, nothing else
 */
record GitRepository(Path path, boolean bare, GitCli git, List<String> safeDirectories) {

    /**
     * Checks that {@code repositoryPath} is a readable git repository, failing with the reason users see on the run.
     *
     * @throws SyncFailedException "repository path must be absolute: …", "repository path does not exist: …",
     *                             "repository is not readable: …" or "not a git repository: …"
     */
    static GitRepository open(GitCli git, String repositoryPath) throws SyncFailedException {
        if (repositoryPath == null || repositoryPath.isBlank()) {
            throw new SyncFailedException("option repositoryPath is required (an absolute path to a git repository)");
        }
        Path given;
        try {
            given = Path.of(repositoryPath);
        } catch (RuntimeException e) {
            throw new SyncFailedException("repository path is not a valid path: " + repositoryPath);
        }
        if (!given.isAbsolute()) {
            throw new SyncFailedException("repository path must be absolute: " + repositoryPath);
        }
        given = given.normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(given, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SyncFailedException("repository path does not exist: " + given);
        } catch (AccessDeniedException e) {
            // A parent directory cannot be searched: the path may exist, but not for us.
            throw new SyncFailedException("repository is not readable: " + given);
        } catch (IOException e) {
            throw new SyncFailedException("repository path cannot be read: " + given + " (" + e.getMessage() + ")");
        }
        if (!attributes.isDirectory()) {
            throw new SyncFailedException("not a git repository: " + given + " (not a directory)");
        }
        // Files.isReadable/isExecutable ask the kernel (access(2)), so they answer for this process's user and
        // capabilities: a 0700 directory of another user is unreadable to a non-root service account.
        if (!Files.isReadable(given) || !Files.isExecutable(given)) {
            throw new SyncFailedException("repository is not readable: " + given);
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            throw new SyncFailedException("repository is not readable: " + given);
        }
        Set<String> safe = new LinkedHashSet<>(List.of(given.toString(), real.toString()));
        GitRepository repository = new GitRepository(real, false, git, List.copyOf(safe));
        // The common directory holds the objects; it differs from the git directory in a linked worktree
        // (git worktree add), whose own git directory has no objects/.
        GitCli.Result probe = repository.run(List.of("rev-parse", "--is-bare-repository", "--absolute-git-dir",
                "--path-format=absolute", "--git-common-dir"));
        if (!probe.ok()) {
            String stderr = probe.stderr().toLowerCase(Locale.ROOT);
            // git reports an unreadable object database as "not a git repository": tell the two apart.
            if (stderr.contains("permission denied") || looksLikeUnreadableRepository(real)) {
                throw new SyncFailedException("repository is not readable: " + given);
            }
            throw new SyncFailedException("not a git repository: " + given);
        }
        String[] lines = probe.stdoutText().strip().split("\n");
        boolean bare = lines.length > 0 && lines[0].strip().equals("true");
        if (lines.length > 2) {
            // The git directory and the objects too must be readable: a readable work tree with an unreadable .git
            // is not a repository we can sync.
            Path gitDir = Path.of(lines[1].strip());
            Path objects = Path.of(lines[2].strip()).resolve("objects");
            if (!Files.isReadable(gitDir) || !Files.isExecutable(gitDir)
                    || !Files.isReadable(objects) || !Files.isExecutable(objects)) {
                throw new SyncFailedException("repository is not readable: " + given);
            }
        }
        return new GitRepository(real, bare, git, repository.safeDirectories());
    }

    /** A {@code .git} directory (or a bare repository's HEAD and objects) exists but cannot be read. */
    private static boolean looksLikeUnreadableRepository(Path dir) {
        Path dotGit = dir.resolve(".git");
        Path gitDir = Files.isDirectory(dotGit) ? dotGit : dir;
        Path objects = gitDir.resolve("objects");
        if (!Files.exists(gitDir.resolve("HEAD")) && !Files.exists(objects)) {
            return false;
        }
        return !Files.isReadable(gitDir) || !Files.isExecutable(gitDir)
                || !Files.isReadable(objects) || !Files.isExecutable(objects);
    }

    /** Runs a short git command in the repository (buffered output). */
    GitCli.Result run(List<String> args) {
        return git.run(path, safeDirectories, args, null);
    }

    /** Runs a short git command in the repository, feeding {@code stdin}. */
    GitCli.Result run(List<String> args, byte[] stdin) {
        return git.run(path, safeDirectories, args, stdin);
    }

    /** Starts a streaming git command in the repository. */
    Process start(List<String> args) {
        return git.start(path, safeDirectories, args);
    }

    /**
     * The repository's display name: its directory name without a {@code .git} suffix ({@code /src/linux.git} →
     * {@code linux}; {@code /src/app/.git} → {@code app}).
     */
    String name() {
        Path p = path;
        String name = p.getFileName() == null ? "/" : p.getFileName().toString();
        if (name.equals(".git") && p.getParent() != null && p.getParent().getFileName() != null) {
            name = p.getParent().getFileName().toString();
        }
        return name.endsWith(".git") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
    }
}
