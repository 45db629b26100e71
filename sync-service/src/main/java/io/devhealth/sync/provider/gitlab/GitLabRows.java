package io.devhealth.sync.provider.gitlab;

import static io.devhealth.sync.provider.gitlab.GitLabJson.username;
import static io.devhealth.sync.provider.http.ProviderJson.firstText;
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
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.RowBinaryBuffer;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Encodes GitLab items as rows of {@link GitLabTables} (RowBinary, in each table's column order) into the run's
 * {@link SinkSession}. Row keys are deterministic (org, project, the item's GitLab id or iid), so a re-read item
 * replaces its row. Every row carries the provider identities the item names (username and numeric id; git name
 * and email where GitLab gives them). One per run, used by one thread; {@link #close()} hands the last batches over.
 */
final class GitLabRows implements AutoCloseable {

    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final String PROVIDER = GitLabApi.PROVIDER;
    /** pull_request_reviews.state of an approval and of a review note, in GitHub's vocabulary (V1). */
    static final String APPROVED = "APPROVED";
    static final String COMMENTED = "COMMENTED";

    private enum Kind { REPOS, PULL_REQUESTS, REVIEWS, REVIEW_COMMENTS, PR_COMMITS, ISSUES, RUNS, JOBS, DEPLOYMENTS, STATUSES }

    private final SinkSession session;
    private final UUID orgId;
    private final long version;
    private final RunProgress progress;
    private final Map<Kind, TableBatcher> batchers = new EnumMap<>(Kind.class);

    GitLabRows(SinkSession session, UUID orgId, RunProgress progress) {
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
            case PULL_REQUESTS -> GitLabTables.PULL_REQUESTS;
            case REVIEWS -> CodeHostTables.PULL_REQUEST_REVIEWS;
            case REVIEW_COMMENTS -> CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS;
            case PR_COMMITS -> CodeHostTables.PULL_REQUEST_COMMITS;
            case ISSUES -> CodeHostTables.ISSUES;
            case RUNS -> CodeHostTables.CI_PIPELINE_RUNS;
            case JOBS -> CodeHostTables.CI_PIPELINE_JOBS;
            case DEPLOYMENTS -> GitLabTables.DEPLOYMENTS;
            case STATUSES -> CodeHostTables.DEPLOYMENT_STATUSES;
        };
    }

    private void end(Kind kind, UUID repoId, String key) {
        batcher(kind).endRow(uuidBytes(repoId), key.getBytes(StandardCharsets.UTF_8));
        progress.written(table(kind).name(), 1);
    }

    /** The project itself ({@code repos}); {@code url} is its web page. */
    void project(GitLabProject project, UUID syncConfigurationId, long syncedAt) {
        batcher(Kind.REPOS).row()
                .uuid(orgId).uuid(project.repoId()).string(PROVIDER).string(project.fullPath())
                .string(project.webUrl()).string(project.defaultBranch()).nullableUuid(syncConfigurationId)
                .dateTime64Millis(syncedAt).uint8(0).uint64(version);
        end(Kind.REPOS, project.repoId(), "");
    }

    /**
     * A merge request with what was fetched for it: its approvals become {@code APPROVED} reviews, its non-system
     * notes {@code COMMENTED} reviews (general notes by others than the author) or review comments (diff notes), its
     * commits {@code pull_request_commits}. First review: the earliest approval or note by someone else than the
     * author; first commit: the earliest authored commit.
     */
    void mergeRequest(UUID repoId, GitLabStreams.MergeRequest mr) {
        JsonNode full = mr.detail() != null ? mr.detail() : mr.item();
        long iid = requiredNumber(mr.item(), "iid");
        String author = username(full, "author");
        Long firstReview = null;
        for (JsonNode approval : mr.approvals()) {
            Long at = approval(repoId, iid, approval, full);
            firstReview = earlier(firstReview, author.equals(username(approval, "user")) ? null : at);
        }
        long diffNotes = 0;
        for (JsonNode note : mr.notes()) {
            boolean byOther = !author.equals(username(note, "author"));
            if ("DiffNote".equals(text(note, "type"))) {
                diffNote(repoId, iid, note, text(full, "web_url"));
                diffNotes++;
            } else if (byOther) {
                commentReview(repoId, iid, note);
            }
            firstReview = earlier(firstReview, byOther ? time(note, "created_at") : null);
        }
        Long firstCommit = null;
        for (JsonNode commit : mr.commits()) {
            firstCommit = earlier(firstCommit, commit(repoId, iid, commit));
        }
        pullRequest(repoId, iid, full, mr.commits().size(), diffNotes, firstCommit, firstReview);
    }

    private void pullRequest(UUID repoId, long iid, JsonNode mr, long commits, long diffNotes, Long firstCommit,
            Long firstReview) {
        Long mergedAt = time(mr, "merged_at");
        String mergeCommit = firstText(mr, "merge_commit_sha", "squash_commit_sha");
        String mergedBy = mr.hasNonNull("merge_user") ? "merge_user" : "merged_by";
        RowBinaryBuffer row = batcher(Kind.PULL_REQUESTS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).uint64(iid)
                .string(text(mr, "id")).string(text(mr, "title")).string(GitLabStates.mergeRequest(text(mr, "state")))
                .bool(flag(mr, "draft") || flag(mr, "work_in_progress"))
                .string(username(mr, "author")).string(userId(mr, "author"))
                .string(text(mr, "target_branch")).string(text(mr, "source_branch"))
                .string(headSha(mr))
                .string(text(mr, "diff_refs", "base_sha"))
                .string(mergeCommit).string(text(mr, "squash_commit_sha")).stringArray(labels(mr))
                .uint32(uint32(number(mr, "changes_count"))).uint32(uint32(commits))
                .uint32(uint32(number(mr, "user_notes_count"))).uint32(uint32(diffNotes))
                .dateTime64Millis(requiredTime(mr, "created_at")).dateTime64Millis(requiredTime(mr, "updated_at"));
        nullableTime(row, firstCommit);
        nullableTime(row, firstReview);
        nullableTime(row, mergedAt);
        row.string(mergedAt == null ? "" : username(mr, mergedBy)).string(mergedAt == null ? "" : userId(mr, mergedBy));
        nullableTime(row, time(mr, "closed_at"));
        row.string(text(mr, "web_url")).uint8(0).uint64(version);
        end(Kind.PULL_REQUESTS, repoId, Long.toString(iid));
    }

    /** The head commit: {@code diff_refs.head_sha} of the detail, else the list's {@code sha}. */
    private static String headSha(JsonNode mr) {
        String head = text(mr, "diff_refs", "head_sha");
        return head.isEmpty() ? text(mr, "sha") : head;
    }

    /**
     * One entry of {@code approved_by}: keyed by the approver (one approval per person and merge request); when
     * GitLab does not say when ({@code approved_at} is missing before GitLab 13.x), the merge request's last update.
     *
     * @return when it was given
     */
    private Long approval(UUID repoId, long iid, JsonNode approval, JsonNode mr) {
        String userId = userId(approval, "user");
        Long at = time(approval, "approved_at");
        long submitted = at != null ? at : requiredTime(mr, "updated_at");
        String id = "approval-" + (userId.isEmpty() ? username(approval, "user") : userId);
        batcher(Kind.REVIEWS).row()
                .uuid(orgId).uuid(repoId).uint64(iid).string(id)
                .string(username(approval, "user")).string(userId).string(APPROVED).string("")
                .dateTime64Millis(submitted).uint8(0).uint64(version);
        end(Kind.REVIEWS, repoId, iid + "/" + id);
        return submitted;
    }

    private void commentReview(UUID repoId, long iid, JsonNode note) {
        String id = "note-" + requiredNumber(note, "id");
        batcher(Kind.REVIEWS).row()
                .uuid(orgId).uuid(repoId).uint64(iid).string(id)
                .string(username(note, "author")).string(userId(note, "author")).string(COMMENTED)
                .string(text(note, "position", "head_sha"))
                .dateTime64Millis(requiredTime(note, "created_at")).uint8(0).uint64(version);
        end(Kind.REVIEWS, repoId, iid + "/" + id);
    }

    private void diffNote(UUID repoId, long iid, JsonNode note, String mrUrl) {
        String id = Long.toString(requiredNumber(note, "id"));
        JsonNode position = note.get("position");
        String path = firstText(position, "new_path", "old_path");
        long created = requiredTime(note, "created_at");
        Long updated = time(note, "updated_at");
        batcher(Kind.REVIEW_COMMENTS).row()
                .uuid(orgId).uuid(repoId).uint64(iid).string(id).string("").string("")
                .string(username(note, "author")).string(userId(note, "author"))
                .string(path).string(text(position, "head_sha"))
                .dateTime64Millis(created).dateTime64Millis(updated == null ? created : updated)
                .string(mrUrl.isEmpty() ? "" : mrUrl + "#note_" + id).uint8(0).uint64(version);
        end(Kind.REVIEW_COMMENTS, repoId, iid + "/" + id);
    }

    /** @return the commit's author time */
    private long commit(UUID repoId, long iid, JsonNode commit) {
        String sha = text(commit, "id");
        if (sha.isEmpty()) {
            throw ProviderJson.malformed("id", "is missing");
        }
        long authored = time(commit, "authored_date") != null ? time(commit, "authored_date")
                : requiredTime(commit, "created_at");
        Long committed = time(commit, "committed_date");
        batcher(Kind.PR_COMMITS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).uint64(iid).string(sha)
                .string(text(commit, "author_name")).string(text(commit, "author_email")).string("").string("")
                .dateTime64Millis(authored).dateTime64Millis(committed == null ? authored : committed)
                .uint8(0).uint64(version);
        end(Kind.PR_COMMITS, repoId, iid + "/" + sha);
        return authored;
    }

    /** An issue as a work item keyed by its GitLab id; project = the project's full path. */
    void issue(UUID repoId, String fullPath, JsonNode issue) {
        String id = Long.toString(requiredNumber(issue, "id"));
        List<String> labels = labels(issue);
        String state = text(issue, "state");
        boolean closed = "closed".equals(state);
        JsonNode assignee = issue.hasNonNull("assignee") ? issue.get("assignee")
                : issue.path("assignees").isArray() && !issue.get("assignees").isEmpty() ? issue.get("assignees").get(0)
                : null;
        RowBinaryBuffer row = batcher(Kind.ISSUES).row()
                .uuid(orgId).string(PROVIDER).string(id).string(fullPath).nullableUuid(repoId)
                .string(text(issue, "title"))
                .string(GitLabStates.issueType(firstText(issue, "issue_type", "type"), labels))
                .string(state).string(GitLabStates.issueCategory(state))
                .string(text(assignee, "username")).string(text(assignee, "id"))
                .string(username(issue, "author")).string(userId(issue, "author"))
                .stringArray(labels)
                .dateTime64Millis(requiredTime(issue, "created_at")).dateTime64Millis(requiredTime(issue, "updated_at"));
        nullableTime(row, closed ? time(issue, "closed_at") : null);
        row.string(text(issue, "web_url")).uint8(0).uint64(version);
        end(Kind.ISSUES, repoId, id);
    }

    /**
     * A pipeline (its detail when read, else the list item) with its jobs; the head commit's git author comes from
     * the jobs, which carry the commit.
     */
    void pipeline(UUID repoId, GitLabStreams.Pipeline pipeline) {
        JsonNode run = pipeline.detail() != null ? pipeline.detail() : pipeline.item();
        String id = Long.toString(requiredNumber(run, "id"));
        String status = text(run, "status");
        JsonNode commit = pipeline.jobs().isEmpty() ? null : pipeline.jobs().getFirst().get("commit");
        long created = requiredTime(run, "created_at");
        RowBinaryBuffer row = batcher(Kind.RUNS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(id)
                .string(text(run, "name")).string("").uint32(1).string(GitLabStates.ci(status))
                .string(text(run, "sha")).string(text(run, "ref")).string(text(run, "source"))
                .string(username(run, "user")).string(userId(run, "user"))
                .string(text(commit, "author_name")).string(text(commit, "author_email"))
                .dateTime64Millis(created);
        nullableTime(row, time(run, "started_at"));
        nullableTime(row, GitLabStates.ciFinished(status) ? time(run, "finished_at") : null);
        nullableTime(row, time(run, "updated_at"));
        row.string(text(run, "web_url")).uint8(0).uint64(version);
        end(Kind.RUNS, repoId, id);
        for (JsonNode job : pipeline.jobs()) {
            job(repoId, id, job);
        }
    }

    private void job(UUID repoId, String pipelineId, JsonNode job) {
        String id = Long.toString(requiredNumber(job, "id"));
        String status = text(job, "status");
        RowBinaryBuffer row = batcher(Kind.JOBS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(pipelineId).string(id)
                .string(text(job, "name")).string(GitLabStates.ci(status)).uint32(1)
                .string(firstText(job.get("runner"), "description", "name")).string(text(job, "commit", "id"));
        nullableTime(row, time(job, "started_at"));
        nullableTime(row, GitLabStates.ciFinished(status) ? time(job, "finished_at") : null);
        row.string(text(job, "web_url")).uint8(0).uint64(version);
        end(Kind.JOBS, repoId, pipelineId + "/" + id);
    }

    /**
     * A deployment, and the states it is known to have gone through ({@code deployment_statuses}, keyed by state):
     * {@code created} at its creation, {@code running} when its deploy job started, and its current state when that
     * is a later one, at the time it was reached. GitLab's API keeps no status history; these times are its own.
     *
     * @param tier       the environment's tier, {@code ""} when unknown
     * @param production whether the environment counts as production
     */
    void deployment(UUID repoId, JsonNode deployment, String tier, boolean production) {
        String id = Long.toString(requiredNumber(deployment, "id"));
        String environment = text(deployment, "environment", "name");
        String status = text(deployment, "status");
        JsonNode job = deployment.get("deployable");
        long created = requiredTime(deployment, "created_at");
        Long updated = time(deployment, "updated_at");
        Long reached = firstTime(time(deployment, "finished_at"), time(job, "finished_at"), updated);
        String url = text(job, "web_url");
        RowBinaryBuffer row = batcher(Kind.DEPLOYMENTS).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(id)
                .string(environment).string(tier).string(text(job == null ? null : job.get("pipeline"), "id"))
                .bool(production).string(GitLabStates.deployment(status))
                .string(text(deployment, "sha")).string(text(deployment, "ref"))
                .string(username(deployment, "user")).string(userId(deployment, "user"))
                .string(text(job, "name")).dateTime64Millis(created);
        nullableTime(row, GitLabStates.deploymentFinished(status) ? reached : null);
        nullableTime(row, updated);
        row.string(url).uint8(0).uint64(version);
        end(Kind.DEPLOYMENTS, repoId, id);

        deploymentState(repoId, id, deployment, "created", created, url);
        Long started = time(job, "started_at");
        if (started != null || "running".equals(status)) {
            deploymentState(repoId, id, deployment, "running", started != null ? started : firstTime(updated, created),
                    url);
        }
        if (!status.isEmpty() && !"created".equals(status) && !"running".equals(status)) {
            deploymentState(repoId, id, deployment, status, firstTime(reached, created), url);
        }
    }

    private void deploymentState(UUID repoId, String deploymentId, JsonNode deployment, String state, long at,
            String url) {
        batcher(Kind.STATUSES).row()
                .uuid(orgId).uuid(repoId).string(PROVIDER).string(deploymentId).string(state).string(state)
                .string(text(deployment, "environment", "name"))
                .string(username(deployment, "user")).string(userId(deployment, "user"))
                .string("").dateTime64Millis(at).string(url).uint8(0).uint64(version);
        end(Kind.STATUSES, repoId, deploymentId + "/" + state);
    }

    /** Hands the remaining rows of every table to the session. */
    @Override
    public void close() {
        batchers.values().forEach(TableBatcher::close);
    }

    private static Long earlier(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.min(a, b);
    }

    private static Long firstTime(Long... candidates) {
        for (Long candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static void nullableTime(RowBinaryBuffer row, Long epochMillis) {
        if (epochMillis == null) {
            row.uint8(1);
        } else {
            row.uint8(0).dateTime64Millis(epochMillis);
        }
    }

    private static long uint32(long value) {
        return Math.max(0, Math.min(MAX_UINT32, value));
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
