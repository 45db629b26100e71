package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * Questions about commit ancestry in one git repository, asked of the git CLI: which commits a deployment shipped
 * (those reachable from its commit and not from the environment's previous one) and whether one commit is an
 * ancestor of another (a rollback). Commit ids come from provider data, so anything but a full hexadecimal object id
 * is refused before it reaches a command line (an id such as {@code --output=…} would be an option).
 */
public final class GitAncestry {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    /** The line {@code git revert} writes into the message it proposes. */
    private static final Pattern REVERTS = Pattern.compile("This reverts commit ([0-9a-fA-F]{40}|[0-9a-fA-F]{64})");

    private final GitRepository repo;

    private GitAncestry(GitRepository repo) {
        this.repo = repo;
    }

    /**
     * Opens the repository at {@code gitDir} (a work tree or a bare repository the service controls, such as a clone
     * cache mirror).
     *
     * @throws SyncFailedException it is not a readable git repository
     */
    public static GitAncestry open(GitConfig config, Path gitDir) throws SyncFailedException {
        return new GitAncestry(GitRepository.open(new GitCli(config.executable()), gitDir.toString()));
    }

    static GitAncestry of(GitRepository repo) {
        return new GitAncestry(repo);
    }

    /**
     * A commit with its author and committer times (epoch milliseconds, git's second precision) and the commit it
     * reverts, as its message says ({@code "This reverts commit <sha>."}, lower-cased), or {@code ""}.
     */
    public record Commit(String sha, long authoredAt, long committedAt, String reverts) {
    }

    /** Whether {@code sha} is a full object id naming a commit present in the repository. */
    public boolean hasCommit(String sha) {
        if (sha == null || !OBJECT_ID.matcher(sha).matches()) {
            return false;
        }
        GitCli.Result result = run(List.of("cat-file", "-e", sha + "^{commit}"));
        return result.ok();
    }

    /**
     * The commits reachable from {@code tip} and not from {@code previous}, newest first; with {@code previous}
     * {@code null}, {@code tip} alone. Both must satisfy {@link #hasCommit}.
     *
     * @throws SyncFailedException git failed (a damaged repository)
     */
    public List<Commit> shipped(String tip, String previous) throws SyncFailedException {
        // %x1e ends a record, %x1f separates the times from the message (which may hold any other byte)
        List<String> args = new ArrayList<>(List.of("log", "--format=%H %at %ct%x1f%B%x1e"));
        if (previous == null) {
            args.add("--no-walk");
            args.add(checked(tip));
        } else {
            args.add(checked(tip));
            args.add("^" + checked(previous));
        }
        GitCli.Result result = run(args);
        if (!result.ok()) {
            throw new SyncFailedException("git log " + tip + " failed: " + result.stderr().strip());
        }
        List<Commit> commits = new ArrayList<>();
        for (String record : new String(result.stdout(), StandardCharsets.UTF_8).split("\u001e")) {
            int separator = record.indexOf('\u001f');
            if (separator < 0) {
                continue;
            }
            String[] fields = record.substring(0, separator).strip().split(" ");
            Matcher reverted = REVERTS.matcher(record.substring(separator + 1));
            commits.add(new Commit(fields[0], Long.parseLong(fields[1]) * 1000, Long.parseLong(fields[2]) * 1000,
                    reverted.find() ? reverted.group(1).toLowerCase(Locale.ROOT) : ""));
        }
        return commits;
    }

    /**
     * Whether {@code ancestor} is reachable from {@code descendant} (equal commits count as ancestors, as git's
     * {@code merge-base --is-ancestor} has it).
     *
     * @throws SyncFailedException git failed otherwise than by answering no
     */
    public boolean isAncestor(String ancestor, String descendant) throws SyncFailedException {
        GitCli.Result result = run(List.of("merge-base", "--is-ancestor", checked(ancestor), checked(descendant)));
        if (result.exitCode() > 1) {
            throw new SyncFailedException("git merge-base failed: " + result.stderr().strip());
        }
        return result.ok();
    }

    private static String checked(String sha) {
        if (sha == null || !OBJECT_ID.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full object id: " + sha);
        }
        return sha;
    }

    private GitCli.Result run(List<String> args) {
        return repo.git().run(repo.path(), repo.safeDirectories(), args, null);
    }
}
