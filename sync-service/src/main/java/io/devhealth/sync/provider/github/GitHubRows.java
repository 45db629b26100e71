package io.devhealth.sync.provider.github;

import static io.devhealth.sync.provider.github.GitHubJson.login;
import static io.devhealth.sync.provider.http.ProviderJson.flag;
import static io.devhealth.sync.provider.http.ProviderJson.labels;
import static io.devhealth.sync.provider.http.ProviderJson.number;
import static io.devhealth.sync.provider.http.ProviderJson.requiredNumber;
import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;
import static io.devhealth.sync.provider.http.ProviderJson.time;
import static io.devhealth.sync.provider.http.ProviderJson.userId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.CodeHostTables;
import io.devhealth.sync.provider.http.IssueTypes;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.RowBinaryBuffer;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Encodes GitHub items as rows of {@link GitHubTables} (RowBinary, in each table's column order) into the run's
 * {@link SinkSession}. Row keys are deterministic (org, repository, the item's GitHub id or number), so a re-read item
 * replaces its row. Every row carries the provider identities the item names (login and numeric id; git name and
 * email where GitHub gives them). One per run, used by one thread; {@link #close()} hands the last batches over.
 */
final class GitHubRows implements AutoCloseable {

    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final String PROVIDER = GitHubApi.PROVIDER;

    private enum Kind { REPOS, PULL_REQUESTS, PR_COMMITS, REVIEWS, REVIEW_COMMENTS, ISSUES, RUNS, JOBS, DEPLOYMENTS, STATUSES, RELEASES }

    private final SinkSession session;
    private final UUID orgId;
    private final long version;
    private final RunProgress progress;
    private final Map<Kind, TableBatcher> batchers = new EnumMap<>(Kind.class);

    GitHubRows(SinkSession session, UUID orgId, RunProgress progress) {
        this.session = session;
        this.orgId = orgId;
        this.version = session.version();
        this.progress = progress;
    }

    private TableBatcher batcher(Kind kind) {
        return batchers.computeIfAbsent(kind, k -> session.batcher(table(k)));
    }

    private static Table table(Kind kind) {
        return switch (kind) {
            case REPOS -> Table.REPOS;
            case PULL_REQUESTS -> GitHubTables.PULL_REQUESTS;
            case PR_COMMITS -> CodeHostTables.PULL_REQUEST_COMMITS;
            case REVIEWS -> CodeHostTables.PULL_REQUEST_REVIEWS;
            case REVIEW_COMMENTS -> CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS;
            case ISSUES -> CodeHostTables.ISSUES;
            case RUNS -> CodeHostTables.CI_PIPELINE_RUNS;
            case JOBS -> CodeHostTables.CI_PIPELINE_JOBS;
            case DEPLOYMENTS -> GitHubTables.DEPLOYMENTS;
            case STATUSES -> CodeHostTables.DEPLOYMENT_STATUSES;
            case RELEASES -> GitHubTables.RELEASES;
        };
    }

    private void end(Kind kind, UUID repoId, String key) {
        batcher(kind).endRow(uuidBytes(repoId), key.getBytes(StandardCharsets.UTF_8));
        progress.written(table(kind).name(), 1);
    }

    /** The repository itself ({@code repos}); {@code url} is its web page. */
    void repository(GitHubRepository repo, UUID syncConfigurationId, long syncedAt) {
        batcher(Kind.REPOS).row()
                .uuid(orgId).uuid(repo.repoId()).string(PROVIDER).string(repo.fullName()).string(repo.htmlUrl())
                .string(repo.defaultBranch()).nullableUuid(syncConfigurationId).dateTime64Millis(syncedAt)
                .uint8(0).uint64(version);
        end(Kind.REPOS, repo.repoId(), "");
    }

    /**
     * @param pr           a pull request as the list gives it
     * @param detail       the same pull request from {@code GET /pulls/{n}} (additions, …), or {@code null}
     * @param firstCommit  epoch ms of its earliest commit (git author date), or {@code null} when not read
     * @param firstReview  epoch ms of its first submitted review, or {@code null}
     */
    void pullRequest(UUID repoId, JsonNode pr, JsonNode detail, Long firstCommit, Long firstReview) {
        JsonNode full = detail != null ? detail : pr;
        long number = requiredNumber(pr, "number");
        Long mergedAt = time(full, "merged_at");
        String state = mergedAt != null ? "merged" : text(full, "state");
        RowBinaryBuffer row = batcher(Kind.PULL_REQUESTS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).uint64(number)
                .string(text(full, "id")).string(text(full, "title")).string(state).bool(flag(full, "draft"))
                .string(login(full, "user")).string(userId(full, "user"))
                .string(text(full, "base", "ref")).string(text(full, "head", "ref"))
                .string(text(full, "head", "sha")).string(text(full, "base", "sha"))
                .string(text(full, "merge_commit_sha")).stringArray(labels(full))
                .uint32(uint32(number(full, "additions"))).uint32(uint32(number(full, "deletions")))
                .uint32(uint32(number(full, "changed_files"))).uint32(uint32(number(full, "commits")))
                .uint32(uint32(number(full, "comments"))).uint32(uint32(number(full, "review_comments")))
                .dateTime64Millis(requiredTime(full, "created_at")).dateTime64Millis(requiredTime(full, "updated_at"))
                .nullableDateTime64Millis(firstCommit).nullableDateTime64Millis(firstReview);
        row.nullableDateTime64Millis(mergedAt);
        row.string(login(full, "merged_by")).string(userId(full, "merged_by"));
        row.nullableDateTime64Millis(time(full, "closed_at"));
        row.string(text(full, "html_url")).uint8(0).uint64(version);
        end(Kind.PULL_REQUESTS, repoId, Long.toString(number));
    }

    /**
     * A commit of a pull request as {@code GET /pulls/{n}/commits} lists it: git's author and committer, and the
     * GitHub account GitHub matched to the author ('' when none).
     */
    void pullRequestCommit(UUID repoId, long prNumber, JsonNode commit) {
        String sha = text(commit, "sha");
        if (sha.isEmpty()) {
            throw ProviderJson.malformed("sha", "missing on a pull request commit");
        }
        JsonNode git = commit.path("commit");
        batcher(Kind.PR_COMMITS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).uint64(prNumber).string(sha)
                .string(text(git, "author", "name")).string(text(git, "author", "email"))
                .string(login(commit, "author")).string(userId(commit, "author"))
                .dateTime64Millis(requiredTime(git.path("author"), "date"))
                .dateTime64Millis(requiredTime(git.path("committer"), "date"))
                .uint8(0).uint64(version);
        end(Kind.PR_COMMITS, repoId, prNumber + "/" + sha);
    }

    /** A submitted review (pending ones have no {@code submitted_at} and are not written). */
    void review(UUID repoId, long prNumber, JsonNode review) {
        Long submitted = time(review, "submitted_at");
        if (submitted == null) {
            return;
        }
        String id = Long.toString(requiredNumber(review, "id"));
        batcher(Kind.REVIEWS).row()
                .uuid(orgId).uuid(repoId).uint64(prNumber).string(id)
                .string(login(review, "user")).string(userId(review, "user"))
                .string(text(review, "state")).string(text(review, "commit_id"))
                .dateTime64Millis(submitted).uint8(0).uint64(version);
        end(Kind.REVIEWS, repoId, prNumber + "/" + id);
    }

    void reviewComment(UUID repoId, long prNumber, JsonNode comment) {
        String id = Long.toString(requiredNumber(comment, "id"));
        batcher(Kind.REVIEW_COMMENTS).row()
                .uuid(orgId).uuid(repoId).uint64(prNumber).string(id)
                .string(text(comment, "pull_request_review_id")).string(text(comment, "in_reply_to_id"))
                .string(login(comment, "user")).string(userId(comment, "user"))
                .string(text(comment, "path")).string(text(comment, "commit_id"))
                .dateTime64Millis(requiredTime(comment, "created_at"))
                .dateTime64Millis(requiredTime(comment, "updated_at"))
                .string(text(comment, "html_url")).uint8(0).uint64(version);
        end(Kind.REVIEW_COMMENTS, repoId, prNumber + "/" + id);
    }

    /** An issue (not a pull request) as a work item keyed by its GitHub id; project = the repository's full name. */
    void issue(UUID repoId, String fullName, JsonNode issue) {
        String id = Long.toString(requiredNumber(issue, "id"));
        List<String> labels = labels(issue);
        boolean closed = "closed".equals(text(issue, "state"));
        RowBinaryBuffer row = batcher(Kind.ISSUES).row()
                .uuid(orgId).string(PROVIDER).string(id).string(fullName).nullableUuid(repoId)
                .string(text(issue, "title")).string(IssueTypes.fromLabels(labels)).string(text(issue, "state"))
                .string(closed ? "done" : "todo")
                .string(login(issue, "assignee")).string(userId(issue, "assignee"))
                .string(login(issue, "user")).string(userId(issue, "user"))
                .stringArray(labels)
                .dateTime64Millis(requiredTime(issue, "created_at")).dateTime64Millis(requiredTime(issue, "updated_at"));
        row.nullableDateTime64Millis(closed ? time(issue, "closed_at") : null);
        row.string(text(issue, "html_url")).uint8(0).uint64(version);
        end(Kind.ISSUES, repoId, id);
    }

    /** A workflow run; {@code status} as {@code ci_pipeline_runs} defines it. */
    void workflowRun(UUID repoId, JsonNode run) {
        String id = Long.toString(requiredNumber(run, "id"));
        boolean completed = "completed".equals(text(run, "status"));
        RowBinaryBuffer row = batcher(Kind.RUNS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(id)
                .string(text(run, "name")).string(text(run, "workflow_id"))
                .uint32(Math.max(1, number(run, "run_attempt")))
                .string(ciStatus(text(run, "status"), text(run, "conclusion")))
                .string(text(run, "head_sha")).string(text(run, "head_branch")).string(text(run, "event"))
                .string(login(run, "actor")).string(userId(run, "actor"))
                .string(text(run.get("head_commit"), "author", "name"))
                .string(text(run.get("head_commit"), "author", "email"))
                .dateTime64Millis(requiredTime(run, "created_at"));
        row.nullableDateTime64Millis(time(run, "run_started_at"));
        row.nullableDateTime64Millis(completed ? time(run, "updated_at") : null);
        row.nullableDateTime64Millis(time(run, "updated_at"));
        row.string(text(run, "html_url")).uint8(0).uint64(version);
        end(Kind.RUNS, repoId, id);
    }

    void job(UUID repoId, JsonNode job) {
        String id = Long.toString(requiredNumber(job, "id"));
        String runId = Long.toString(requiredNumber(job, "run_id"));
        RowBinaryBuffer row = batcher(Kind.JOBS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(runId).string(id)
                .string(text(job, "name")).string(ciStatus(text(job, "status"), text(job, "conclusion")))
                .uint32(Math.max(1, number(job, "run_attempt"))).string(text(job, "runner_name"))
                .string(text(job, "head_sha"));
        row.nullableDateTime64Millis(time(job, "started_at"));
        row.nullableDateTime64Millis(time(job, "completed_at"));
        row.string(text(job, "html_url")).uint8(0).uint64(version);
        end(Kind.JOBS, repoId, runId + "/" + id);
    }

    /**
     * A deployment with its statuses (newest first, as GitHub lists them): its status is the latest state; it
     * finished when its first {@code success}, {@code failure} or {@code error} status was created.
     */
    void deployment(UUID repoId, JsonNode deployment, List<JsonNode> statusesNewestFirst) {
        String id = Long.toString(requiredNumber(deployment, "id"));
        String environment = text(deployment, "environment");
        JsonNode latest = statusesNewestFirst.isEmpty() ? null : statusesNewestFirst.getFirst();
        Long finished = null;
        for (JsonNode status : statusesNewestFirst) {
            if (DeploymentStates.finishing(text(status, "state"))) {
                finished = time(status, "created_at"); // the oldest finishing status wins: the list is newest first
            }
        }
        RowBinaryBuffer row = batcher(Kind.DEPLOYMENTS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(id)
                .string(environment).bool(DeploymentStates.production(environment))
                .string(DeploymentStates.status(latest == null ? "" : text(latest, "state")))
                .string(text(deployment, "sha")).string(text(deployment, "ref"))
                .string(login(deployment, "creator")).string(userId(deployment, "creator"))
                .string(text(deployment, "task")).dateTime64Millis(requiredTime(deployment, "created_at"));
        row.nullableDateTime64Millis(finished);
        row.nullableDateTime64Millis(latest == null ? time(deployment, "updated_at") : time(latest, "created_at"));
        row.string(text(deployment, "url")).uint8(0).uint64(version);
        end(Kind.DEPLOYMENTS, repoId, id);
        for (JsonNode status : statusesNewestFirst) {
            deploymentStatus(repoId, id, environment, status);
        }
    }

    private void deploymentStatus(UUID repoId, String deploymentId, String deploymentEnvironment, JsonNode status) {
        String id = Long.toString(requiredNumber(status, "id"));
        String environment = text(status, "environment");
        String url = !text(status, "log_url").isEmpty() ? text(status, "log_url")
                : !text(status, "target_url").isEmpty() ? text(status, "target_url") : text(status, "url");
        batcher(Kind.STATUSES).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(deploymentId).string(id)
                .string(text(status, "state")).string(environment.isEmpty() ? deploymentEnvironment : environment)
                .string(login(status, "creator")).string(userId(status, "creator"))
                .string(text(status, "description")).dateTime64Millis(requiredTime(status, "created_at"))
                .string(url).uint8(0).uint64(version);
        end(Kind.STATUSES, repoId, deploymentId + "/" + id);
    }

    void release(UUID repoId, JsonNode release) {
        String id = Long.toString(requiredNumber(release, "id"));
        RowBinaryBuffer row = batcher(Kind.RELEASES).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(id)
                .string(text(release, "tag_name")).string(text(release, "name"))
                .string(text(release, "target_commitish"))
                .bool(flag(release, "draft")).bool(flag(release, "prerelease"))
                .string(login(release, "author")).string(userId(release, "author"))
                .dateTime64Millis(requiredTime(release, "created_at"));
        row.nullableDateTime64Millis(time(release, "published_at"));
        row.string(text(release, "html_url")).uint8(0).uint64(version);
        end(Kind.RELEASES, repoId, id);
    }

    /** Hands the remaining rows of every table to the session. */
    @Override
    public void close() {
        batchers.values().forEach(TableBatcher::close);
    }

    /** GitHub Actions status + conclusion as {@code ci_pipeline_runs.status}. */
    static String ciStatus(String status, String conclusion) {
        if (!"completed".equals(status)) {
            return "in_progress".equals(status) ? "running" : "queued";
        }
        return switch (conclusion) {
            case "success", "neutral" -> "success";
            case "cancelled" -> "canceled";
            case "skipped", "stale" -> "skipped";
            default -> "failure"; // failure, timed_out, startup_failure, action_required
        };
    }


    private static long uint32(long value) {
        return Math.max(0, Math.min(MAX_UINT32, value));
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
