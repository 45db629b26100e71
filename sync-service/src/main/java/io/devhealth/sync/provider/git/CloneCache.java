package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * Bare mirrors of hosted repositories ({@code devhealth.git.clone-cache}), so a provider syncs git history with git
 * itself — one fetch per run, not one API call per commit.
 *
 * <ul>
 * <li>One mirror per (organization, provider base URL, repository id) at {@code <cache>/<h[0..2]>/<h>.git}, where
 * {@code h} is the SHA-256 of that key: the path is deterministic and no tenant or provider answer can choose it
 * (a repository's name never becomes a path); organizations never share a mirror.</li>
 * <li>Created with {@code git init --bare}, then every run (the first included) fetches branches and tags only
 * ({@link GitTransport#REFSPECS}) with {@code --prune}, from the URL given on the command line (no remote, URL or
 * credential is stored in the mirror's configuration). Not {@code --mirror}'s {@code +refs/*:refs/*}: GitHub's
 * {@code refs/pull/*} and GitLab's {@code refs/merge-requests/*} hold every pull request's head (forks' commits
 * included) and synthetic merge commits that the host rewrites whenever a base branch moves — many times the data,
 * none of it history of the repository's branches, which is what the sync counts.</li>
 * <li>A first clone is built in a temporary sibling directory and renamed into place when complete: an interrupted
 * clone never looks like a mirror.</li>
 * <li>One run at a time per mirror: an in-process lock plus an exclusive file lock on {@code <h>.lock} beside the
 * mirror (two configurations of one repository, or two replicas sharing the volume), held while fetching and
 * while the history is extracted, so a fetch's pruning and garbage collection never pull objects from under a
 * reader.</li>
 * <li>A mirror that is not a readable bare repository, or whose refs name missing objects, is deleted and cloned
 * again; so is one that a fetch cannot update for another reason than the network or the credential. When git fails
 * reading a mirror during extraction and {@code git fsck} confirms damage, the run fails and the mirror is deleted,
 * so the next run clones it afresh.</li>
 * </ul>
 */
@ApplicationScoped
public class CloneCache {

    private static final Logger LOG = Logger.getLogger(CloneCache.class);
    static final String DEFAULT_DIRECTORY = "devhealth-git-clones";

    private final GitCli git;
    private final GitTransport transport;
    private final Path root;
    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Inject
    public CloneCache(GitConfig config) {
        this.git = new GitCli(config.executable());
        this.transport = new GitTransport(git, config.fetchTimeout(), config.fetchLowSpeedTime());
        this.root = config.cloneCache().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_DIRECTORY))
                .toAbsolutePath().normalize();
    }

    /** The cache directory. */
    public Path root() {
        return root;
    }

    /** Work done on a fetched mirror while its lock is held. */
    @FunctionalInterface
    interface MirrorWork<T> {
        T apply(GitRepository mirror) throws SyncFailedException;
    }

    /**
     * Clones or fetches {@code remote} into its mirror, then runs {@code work} on it, the mirror locked throughout.
     *
     * @throws GitFetchException the fetch failed (credential refused, not found, unreachable, …)
     * @throws SyncFailedException the clone URL is not acceptable, the cache is not writable, or {@code work} failed
     */
    <T> T withMirror(UUID orgId, GitRemote remote, MirrorWork<T> work) throws SyncFailedException, InterruptedException {
        URI url = remote.checkedCloneUrl();
        Path mirror = mirrorPath(orgId, remote);
        try (MirrorLock lock = lock(mirror)) {
            GitRepository repo = fetch(mirror, remote, url);
            try {
                return work.apply(repo);
            } catch (SyncFailedException e) {
                if (e.getCause() instanceof GitCommandException && !verified(repo)) {
                    discard(mirror);
                    throw new SyncFailedException(e.getMessage() + " (the cached clone is corrupt and was discarded: "
                            + "the next run clones the repository again)", e);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new SyncFailedException("the git clone cache " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on {@code remote}'s mirror as the last fetch left it (no fetch), the mirror locked throughout.
     *
     * @throws SyncFailedException the mirror does not exist (the repository's history was never fetched), or
     *         {@code work} failed
     */
    <T> T withFetchedMirror(UUID orgId, GitRemote remote, MirrorWork<T> work)
            throws SyncFailedException, InterruptedException {
        Path mirror = mirrorPath(orgId, remote);
        try (MirrorLock lock = lock(mirror)) {
            if (!Files.isDirectory(mirror)) {
                throw new SyncFailedException("the repository's git history has not been fetched yet");
            }
            return work.apply(GitRepository.open(git, mirror.toString()));
        } catch (IOException e) {
            throw new SyncFailedException("the git clone cache " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    /** Where {@code remote}'s mirror for {@code orgId} lives. */
    Path mirrorPath(UUID orgId, GitRemote remote) {
        String key = String.join("\n", "v1", orgId.toString(), remote.providerBaseUrl(), remote.repositoryKey());
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash + ".git");
    }

    private GitRepository fetch(Path mirror, GitRemote remote, URI url) throws SyncFailedException, InterruptedException,
            IOException {
        removeTemporaries(mirror);
        if (Files.exists(mirror)) {
            GitRepository repo = mirror(mirror);
            if (!intact(repo)) {
                LOG.warnf("git mirror %s of %s is corrupt; cloning it again", mirror, GitRemote.shown(remote.cloneUrl()));
                discard(mirror);
            } else {
                try {
                    transport.fetch(repo, remote, url);
                    return repo;
                } catch (GitFetchException e) {
                    if (e.kind() != GitFetchException.Kind.FAILED) {
                        throw e; // the credential, the repository or the network: a new clone would fail alike
                    }
                    LOG.warnf("fetching into git mirror %s failed (%s); cloning it again", mirror, e.getMessage());
                    discard(mirror);
                }
            }
        }
        return cloneInto(mirror, remote, url);
    }

    /** A first clone: built beside the mirror, renamed into place once complete. */
    private GitRepository cloneInto(Path mirror, GitRemote remote, URI url)
            throws SyncFailedException, InterruptedException, IOException {
        Path temporary = mirror.resolveSibling(mirror.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(temporary);
        boolean done = false;
        try {
            GitCli.Result init = git.run(temporary, List.of(temporary.toString()), List.of("init", "--bare", "-q"), null);
            if (!init.ok()) {
                throw new SyncFailedException("cannot create a git mirror in " + root + ": " + init.stderr());
            }
            transport.fetch(mirror(temporary), remote, url);
            Files.move(temporary, mirror, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return mirror(mirror);
        } finally {
            if (!done) {
                deleteTree(temporary);
            }
        }
    }

    private GitRepository mirror(Path path) {
        return new GitRepository(path, true, git, List.of(path.toString()));
    }

    /**
     * Whether {@code repo} is a bare repository whose every ref names an object it has: cheap enough for every run
     * (one {@code rev-parse}, one {@code for-each-ref}, one batched {@code cat-file}).
     */
    private static boolean intact(GitRepository repo) {
        GitCli.Result bare = repo.run(List.of("rev-parse", "--is-bare-repository"));
        if (!bare.ok() || !bare.stdoutText().strip().equals("true")) {
            return false;
        }
        GitCli.Result refs = repo.run(List.of("for-each-ref", "--format=%(objectname)"));
        if (!refs.ok()) {
            return false;
        }
        if (refs.stdout().length == 0) {
            return true;
        }
        GitCli.Result objects = repo.run(List.of("cat-file", "--batch-check"), refs.stdout());
        return objects.ok() && !objects.stdoutText().contains(" missing");
    }

    /** Whether {@code git fsck} finds every object sound: expensive, so only after git failed reading the mirror. */
    private static boolean verified(GitRepository repo) {
        return repo.run(List.of("fsck", "--no-dangling", "--no-progress")).ok();
    }

    private void discard(Path mirror) throws IOException {
        deleteTree(mirror);
    }

    /** Leftovers of clones a killed process did not finish (the lock is held: no one else is cloning). */
    private static void removeTemporaries(Path mirror) throws IOException {
        if (!Files.isDirectory(mirror.getParent())) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(mirror.getParent(),
                mirror.getFileName() + ".tmp-*")) {
            for (Path leftover : leftovers) {
                deleteTree(leftover);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private MirrorLock lock(Path mirror) throws IOException, InterruptedException {
        Files.createDirectories(mirror.getParent());
        Path lockFile = mirror.resolveSibling(mirror.getFileName().toString().replaceFirst("\\.git$", ".lock"));
        ReentrantLock local = locks.computeIfAbsent(lockFile, f -> new ReentrantLock());
        local.lockInterruptibly();
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new MirrorLock(local, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** The in-process lock (file locks are per process) and the file lock (across processes) of one mirror. */
    private record MirrorLock(ReentrantLock local, FileChannel channel, FileLock file) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                file.release();
                channel.close();
            } finally {
                local.unlock();
            }
        }
    }
}
