package io.devhealth.sync.provider.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code git fetch} from a hosted repository over HTTP(S), authenticated without the credential touching argv, a URL,
 * the repository's configuration or any file: git reads it from the environment of its own process
 * ({@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code GIT_CONFIG_VALUE_n}, git ≥ 2.31), as an
 * {@code http.extraHeader} of {@code Authorization: Basic …}. Only the URL's scheme is allowed as a transport; no
 * credential helper, no askpass program and no terminal prompt are consulted, so a refused credential fails at once;
 * redirects are not followed (the header must reach the provider's host only); a stalled transfer is aborted
 * ({@code http.lowSpeedLimit}/{@code lowSpeedTime}) and the whole command is bounded by a timeout. Messages never
 * carry the credential: git's stderr is scrubbed of it and of its base64 form.
 */
final class GitTransport {

    /** Branches and tags, exactly: not {@code refs/pull/*} or {@code refs/merge-requests/*} (see {@link CloneCache}). */
    static final List<String> REFSPECS = List.of("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
    private static final int LOW_SPEED_BYTES_PER_SECOND = 1024;
    private static final int MAX_MESSAGE = 500;

    private final GitCli git;
    private final Duration timeout;
    private final Duration lowSpeedTime;

    GitTransport(GitCli git, Duration timeout, Duration lowSpeedTime) {
        this.git = git;
        this.timeout = timeout;
        this.lowSpeedTime = lowSpeedTime;
    }

    /**
     * Fetches {@code remote}'s branches and tags into {@code mirror}, pruning refs deleted at the source.
     *
     * @throws GitFetchException with a reason fit for users
     */
    void fetch(GitRepository mirror, GitRemote remote, URI url) throws GitFetchException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("fetch", "--prune", "--no-tags", "--no-write-fetch-head",
                "--no-recurse-submodules", "--no-progress", url.toString()));
        args.addAll(REFSPECS);
        Process process = git.start(mirror.path(), mirror.safeDirectories(), args, environment(remote, url));
        GitCli.StderrCollector stderr = GitCli.StderrCollector.start(process);
        Thread.ofVirtual().name("git-fetch-stdout").start(() -> discard(process.getInputStream()));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GitFetchException(GitFetchException.Kind.UNREACHABLE, "git fetch of "
                        + GitRemote.shown(remote.cloneUrl()) + " did not finish within " + timeout
                        + " (devhealth.git.fetch-timeout)");
            }
            if (process.exitValue() != 0) {
                throw failure(remote, scrub(remote, stderr.text()));
            }
        } catch (IOException e) {
            throw new GitFetchException(GitFetchException.Kind.FAILED, "git fetch of "
                    + GitRemote.shown(remote.cloneUrl()) + " failed: " + scrub(remote, e.getMessage()));
        } finally {
            // git fetch runs git-remote-http and index-pack as children: a timeout or interrupt must stop them too.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The variables that authenticate and constrain git for {@code url} (added to {@link GitCli}'s). */
    Map<String, String> environment(GitRemote remote, URI url) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("credential.helper", ""); // an empty value clears every helper a configuration could name
        config.put("core.askPass", "");
        config.put("http.followRedirects", "false");
        config.put("http.lowSpeedLimit", Integer.toString(LOW_SPEED_BYTES_PER_SECOND));
        config.put("http.lowSpeedTime", Long.toString(Math.max(1, lowSpeedTime.toSeconds())));
        if (remote.credential() != null) {
            config.put("http.extraHeader", "Authorization: Basic " + remote.credential().basic());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GIT_ALLOW_PROTOCOL", url.getScheme().toLowerCase(Locale.ROOT));
        env.put("GIT_ASKPASS", ""); // set but empty: git neither runs an askpass program nor falls back to SSH_ASKPASS
        env.put("SSH_ASKPASS", "");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_COUNT", Integer.toString(config.size()));
        int i = 0;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            env.put("GIT_CONFIG_KEY_" + i, entry.getKey());
            env.put("GIT_CONFIG_VALUE_" + i, entry.getValue());
            i++;
        }
        return env;
    }

    /** git's stderr → a failure with a reason users can act on. */
    static GitFetchException failure(GitRemote remote, String stderr) {
        String lower = stderr.toLowerCase(Locale.ROOT);
        String url = GitRemote.shown(remote.cloneUrl());
        String gitSays = " (git: " + lastLines(stderr) + ")";
        if (lower.contains("returned error: 401") || lower.contains("authentication failed")
                || lower.contains("could not read username") || lower.contains("could not read password")
                || lower.contains("access denied")) {
            return new GitFetchException(GitFetchException.Kind.UNAUTHORIZED, "git fetch of " + url + " was refused "
                    + "(HTTP 401): " + (remote.credential() == null ? "the repository needs a credential"
                            : "the credential is invalid or expired") + gitSays);
        }
        if (lower.contains("returned error: 403")) {
            return new GitFetchException(GitFetchException.Kind.FORBIDDEN, "git fetch of " + url + " was forbidden "
                    + "(HTTP 403): the credential may not read the repository's contents" + gitSays);
        }
        if (lower.contains("not found") || lower.contains("returned error: 404")) {
            return new GitFetchException(GitFetchException.Kind.NOT_FOUND, "git fetch of " + url + ": repository not "
                    + "found (HTTP 404), or not visible to the credential" + gitSays);
        }
        if (lower.contains("could not resolve") || lower.contains("failed to connect")
                || lower.contains("connection refused") || lower.contains("timed out")
                || lower.contains("operation too slow") || lower.contains("connection reset")
                || lower.contains("empty reply") || lower.contains("ssl") || lower.contains("tls")
                || lower.contains("returned error: 5") || lower.contains("rpc failed")
                || lower.contains("unexpected disconnect") || lower.contains("early eof")) {
            return new GitFetchException(GitFetchException.Kind.UNREACHABLE, "git fetch of " + url + " failed: the "
                    + "server could not be reached or the transfer broke off" + gitSays);
        }
        return new GitFetchException(GitFetchException.Kind.FAILED, "git fetch of " + url + " failed" + gitSays);
    }

    private static String scrub(GitRemote remote, String text) {
        String safe = text == null ? "" : text;
        return remote.credential() == null ? safe : remote.credential().scrub(safe);
    }

    /** The last lines of git's stderr, where it says why (bounded). */
    private static String lastLines(String stderr) {
        String text = stderr.strip().replaceAll("\\s*\n\\s*", " / ");
        return text.length() <= MAX_MESSAGE ? text : "…" + text.substring(text.length() - MAX_MESSAGE);
    }

    private static void discard(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the process ended
        }
    }
}
