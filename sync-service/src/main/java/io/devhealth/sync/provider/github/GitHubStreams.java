package io.devhealth.sync.provider.github;

import static io.devhealth.sync.provider.http.ProviderJson.requiredNumber;
import static io.devhealth.sync.provider.http.ProviderJson.requiredObject;
import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;
import static io.devhealth.sync.provider.http.ProviderJson.time;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.Lookahead;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.StreamCursor;

/**
 * The streams of one repository, each read incrementally from its {@link StreamCursor}:
 * <ul>
 * <li>{@code pull_requests}: {@code /pulls?state=all&sort=updated&direction=desc}, read until an item older than the
 * watermark − overlap; each changed pull request's detail, reviews and commits are fetched concurrently;</li>
 * <li>{@code review_comments}: {@code /pulls/comments?sort=updated&direction=desc&since=…};</li>
 * <li>{@code issues}: {@code /issues?state=all&sort=updated&direction=desc&since=…}, pull requests skipped;</li>
 * <li>{@code workflow_runs}: {@code /actions/runs?created=>=…} with each run's jobs; the watermark is the oldest run
 * not completed yet (else the newest run), so a run is re-read until it completes;</li>
 * <li>{@code deployments}: {@code /deployments} (newest first) with every status; the watermark is the oldest
 * deployment without a final status (else the newest);</li>
 * <li>{@code releases}: all of them (few), skipped by a 304 when nothing changed.</li>
 * </ul>
 * The first page of each stream is requested with the last run's {@code ETag} when its URL is the same: a 304 ends the
 * stream without a row or a rate-limit point. A stream's new cursor is recorded only after all its rows were handed to
 * the sink; the run returns it only after the sink finished.
 */
final class GitHubStreams {

    static final String PULL_REQUESTS = "pull_requests";
    static final String REVIEW_COMMENTS = "review_comments";
    static final String ISSUES = "issues";
    static final String WORKFLOW_RUNS = "workflow_runs";
    static final String DEPLOYMENTS = "deployments";
    static final String RELEASES = "releases";

    private final ApiClient client;
    private final GitHubRows rows;
    private final ProviderCursor cursor;
    private final RunProgress progress;
    private final ExecutorService fetchers;
    private final GitHubConfig config;
    private final Duration overlap;
    private final Instant backfillStart;

    GitHubStreams(ApiClient client, GitHubRows rows, ProviderCursor cursor, RunProgress progress,
            ExecutorService fetchers, GitHubConfig config, Duration overlap, Instant backfillStart) {
        this.client = client;
        this.rows = rows;
        this.cursor = cursor;
        this.progress = progress;
        this.fetchers = fetchers;
        this.config = config;
        this.overlap = overlap;
        this.backfillStart = backfillStart;
    }

    /** Reads every stream of {@code repo}. */
    void sync(GitHubRepository repo) throws InterruptedException {
        pullRequests(repo);
        reviewComments(repo);
        issues(repo);
        workflowRuns(repo);
        deployments(repo);
        releases(repo);
    }

    private record PullRequest(JsonNode item, JsonNode detail, List<JsonNode> reviews, List<JsonNode> commits) {
    }

    void pullRequests(GitHubRepository repo) throws InterruptedException {
        progress.reading(PULL_REQUESTS, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), PULL_REQUESTS);
        Instant since = previous.since(overlap, backfillStart);
        URI first = url(repo, "/pulls?state=all&sort=updated&direction=desc");
        Instant[] newest = { previous.watermark() };
        Lookahead<JsonNode, PullRequest> details = new Lookahead<>(fetchers, item -> pullRequest(repo, item),
                pr -> write(repo, pr));
        ApiClient.Walk walk;
        try {
            walk = client.pages(first, previous.etagFor(first), page -> {
                List<JsonNode> changed = new ArrayList<>();
                boolean older = newerThan(ApiClient.array(page, null), since, changed, newest);
                progress.fetched(PULL_REQUESTS, changed.size());
                details.submit(changed);
                return !older;
            });
            details.finish();
        } finally {
            details.cancel();
        }
        record(repo, PULL_REQUESTS, previous, walk, newest[0], first);
    }

    private void write(GitHubRepository repo, PullRequest pr) {
        long number = requiredNumber(pr.item(), "number");
        String author = GitHubJson.login(pr.item(), "user");
        Long firstReview = null;
        for (JsonNode review : pr.reviews()) {
            Long submitted = time(review, "submitted_at");
            if (submitted != null && !author.equals(GitHubJson.login(review, "user"))
                    && (firstReview == null || submitted < firstReview)) {
                firstReview = submitted;
            }
            rows.review(repo.repoId(), number, review);
        }
        Long firstCommit = null;
        for (JsonNode commit : pr.commits()) {
            long authored = requiredTime(commit.path("commit").path("author"), "date");
            firstCommit = firstCommit == null ? authored : Math.min(firstCommit, authored);
            rows.pullRequestCommit(repo.repoId(), number, commit);
        }
        rows.pullRequest(repo.repoId(), pr.item(), pr.detail(), firstCommit, firstReview);
    }

    private PullRequest pullRequest(GitHubRepository repo, JsonNode item) throws InterruptedException {
        long number = requiredNumber(item, "number");
        JsonNode detail = config.pullRequestDetails()
                ? requiredObject(ApiClient.json(client.get(repo.path() + "/pulls/" + number))) : null;
        List<JsonNode> reviews = all(url(repo, "/pulls/" + number + "/reviews"), null);
        progress.fetched("reviews", reviews.size());
        List<JsonNode> commits = config.pullRequestCommits()
                ? all(url(repo, "/pulls/" + number + "/commits"), null) : List.of();
        progress.fetched("pull_request_commits", commits.size());
        return new PullRequest(item, detail, reviews, commits);
    }

    void reviewComments(GitHubRepository repo) throws InterruptedException {
        progress.reading(REVIEW_COMMENTS, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), REVIEW_COMMENTS);
        URI first = url(repo, "/pulls/comments?sort=updated&direction=desc" + sinceParam(previous));
        Instant[] newest = { previous.watermark() };
        ApiClient.Walk walk = client.pages(first, previous.etagFor(first), page -> {
            for (JsonNode comment : ApiClient.array(page, null)) {
                requiredObject(comment);
                newest[0] = StreamCursor.newer(newest[0], Instant.ofEpochMilli(requiredTime(comment, "updated_at")));
                rows.reviewComment(repo.repoId(), prNumber(comment), comment);
                progress.fetched(REVIEW_COMMENTS, 1);
            }
            return true;
        });
        record(repo, REVIEW_COMMENTS, previous, walk, newest[0], first);
    }

    void issues(GitHubRepository repo) throws InterruptedException {
        progress.reading(ISSUES, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), ISSUES);
        URI first = url(repo, "/issues?state=all&sort=updated&direction=desc" + sinceParam(previous));
        Instant[] newest = { previous.watermark() };
        ApiClient.Walk walk = client.pages(first, previous.etagFor(first), page -> {
            for (JsonNode issue : ApiClient.array(page, null)) {
                requiredObject(issue);
                newest[0] = StreamCursor.newer(newest[0], Instant.ofEpochMilli(requiredTime(issue, "updated_at")));
                if (issue.hasNonNull("pull_request")) {
                    continue; // the issues list includes pull requests; they are the pull_requests stream's
                }
                rows.issue(repo.repoId(), repo.fullName(), issue);
                progress.fetched(ISSUES, 1);
            }
            return true;
        });
        record(repo, ISSUES, previous, walk, newest[0], first);
    }

    private record WorkflowRun(JsonNode run, List<JsonNode> jobs) {
    }

    void workflowRuns(GitHubRepository repo) throws InterruptedException {
        progress.reading(WORKFLOW_RUNS, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), WORKFLOW_RUNS);
        Instant since = previous.since(overlap, backfillStart);
        URI first = url(repo, "/actions/runs?" + (since == null ? "" : "created="
                + URLEncoder.encode(">=" + seconds(since), StandardCharsets.UTF_8)));
        Watermark watermark = new Watermark(previous.watermark());
        Lookahead<JsonNode, WorkflowRun> jobs = new Lookahead<>(fetchers, item -> new WorkflowRun(item,
                all(url(repo, "/actions/runs/" + requiredNumber(item, "id") + "/jobs"), "jobs")), run -> {
                    watermark.see(requiredTime(run.run(), "created_at"), !"completed".equals(text(run.run(), "status")));
                    rows.workflowRun(repo.repoId(), run.run());
                    run.jobs().forEach(job -> rows.job(repo.repoId(), job));
                    progress.fetched("jobs", run.jobs().size());
                });
        ApiClient.Walk walk;
        try {
            walk = client.pages(first, previous.etagFor(first), page -> {
                List<JsonNode> runs = new ArrayList<>();
                ApiClient.array(page, "workflow_runs").forEach(run -> runs.add(requiredObject(run)));
                progress.fetched(WORKFLOW_RUNS, runs.size());
                jobs.submit(runs);
                return true;
            });
            jobs.finish();
        } finally {
            jobs.cancel();
        }
        recordPending(repo, WORKFLOW_RUNS, previous, walk, watermark, first);
    }

    private record Deployment(JsonNode deployment, List<JsonNode> statuses) {
    }

    void deployments(GitHubRepository repo) throws InterruptedException {
        progress.reading(DEPLOYMENTS, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), DEPLOYMENTS);
        Instant since = previous.since(overlap, backfillStart);
        URI first = url(repo, "/deployments?");
        Watermark watermark = new Watermark(previous.watermark());
        Lookahead<JsonNode, Deployment> statuses = new Lookahead<>(fetchers, item -> new Deployment(item,
                all(url(repo, "/deployments/" + requiredNumber(item, "id") + "/statuses"), null)), d -> {
                    String latest = d.statuses().isEmpty() ? "" : text(d.statuses().getFirst(), "state");
                    watermark.see(requiredTime(d.deployment(), "created_at"), DeploymentStates.pending(latest));
                    rows.deployment(repo.repoId(), d.deployment(), d.statuses());
                    progress.fetched("deployment_statuses", d.statuses().size());
                });
        ApiClient.Walk walk;
        try {
            walk = client.pages(first, previous.etagFor(first), page -> {
                List<JsonNode> recent = new ArrayList<>();
                boolean older = createdSince(ApiClient.array(page, null), since, recent);
                progress.fetched(DEPLOYMENTS, recent.size());
                statuses.submit(recent);
                return !older;
            });
            statuses.finish();
        } finally {
            statuses.cancel();
        }
        recordPending(repo, DEPLOYMENTS, previous, walk, watermark, first);
    }

    void releases(GitHubRepository repo) throws InterruptedException {
        progress.reading(RELEASES, repo.fullName());
        StreamCursor previous = cursor.stream(repo.key(), RELEASES);
        URI first = url(repo, "/releases?");
        Instant[] newest = { previous.watermark() };
        ApiClient.Walk walk = client.pages(first, previous.etagFor(first), page -> {
            for (JsonNode release : ApiClient.array(page, null)) {
                requiredObject(release);
                newest[0] = StreamCursor.newer(newest[0], Instant.ofEpochMilli(requiredTime(release, "created_at")));
                rows.release(repo.repoId(), release);
                progress.fetched(RELEASES, 1);
            }
            return true;
        });
        record(repo, RELEASES, previous, walk, newest[0], first);
    }

    /**
     * Adds the items of a page sorted by {@code updated_at} descending that are not older than {@code since} to
     * {@code changed}; answers whether an older one was met (the rest of the list is older still).
     */
    private static boolean newerThan(JsonNode items, Instant since, List<JsonNode> changed, Instant[] newest) {
        for (JsonNode item : items) {
            Instant updated = Instant.ofEpochMilli(requiredTime(requiredObject(item), "updated_at"));
            if (since != null && updated.isBefore(since)) {
                return true;
            }
            newest[0] = StreamCursor.newer(newest[0], updated);
            changed.add(item);
        }
        return false;
    }

    /** As {@link #newerThan} for a list sorted by {@code created_at} descending. */
    private static boolean createdSince(JsonNode items, Instant since, List<JsonNode> recent) {
        for (JsonNode item : items) {
            Instant created = Instant.ofEpochMilli(requiredTime(requiredObject(item), "created_at"));
            if (since != null && created.isBefore(since)) {
                return true;
            }
            recent.add(item);
        }
        return false;
    }

    /** Every item of a list (all pages); {@code envelope} names the array member of envelope pages. */
    private List<JsonNode> all(URI first, String envelope) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        client.pages(first, null, page -> {
            ApiClient.array(page, envelope).forEach(item -> items.add(requiredObject(item)));
            return true;
        });
        return items;
    }

    /** The number of the pull request a review comment belongs to (the end of its {@code pull_request_url}). */
    private static long prNumber(JsonNode comment) {
        String url = text(comment, "pull_request_url");
        try {
            return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            throw ProviderJson.malformed("pull_request_url", "does not end with a pull request number");
        }
    }

    private URI url(GitHubRepository repo, String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? (pathAndQuery.endsWith("?") ? "" : "&") : "?";
        return client.api().resolve(repo.path() + pathAndQuery + separator + "per_page=" + config.pageSize());
    }

    private String sinceParam(StreamCursor previous) {
        Instant since = previous.since(overlap, backfillStart);
        return since == null ? "" : "&since=" + seconds(since);
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void record(GitHubRepository repo, String stream, StreamCursor previous, ApiClient.Walk walk,
            Instant newest, URI first) {
        if (walk.notModified()) {
            progress.notModified();
            return;
        }
        cursor.put(repo.key(), stream, new StreamCursor(newest, walk.etag(), walk.etag() == null ? null
                : first.toString()));
    }

    /** As {@link #record}, remembering the ETag only when no item is pending (a 304 could hide its change). */
    private void recordPending(GitHubRepository repo, String stream, StreamCursor previous, ApiClient.Walk walk,
            Watermark watermark, URI first) {
        if (walk.notModified()) {
            progress.notModified();
            return;
        }
        boolean clean = watermark.oldestPending == null && walk.etag() != null;
        cursor.put(repo.key(), stream, new StreamCursor(watermark.value(), clean ? walk.etag() : null,
                clean ? first.toString() : null));
    }

    /** The newest creation time seen, held back to the oldest item that may still change. */
    private static final class Watermark {
        private Instant newest;
        private Instant oldestPending;

        Watermark(Instant previous) {
            this.newest = previous;
        }

        void see(long createdAtMillis, boolean pending) {
            Instant created = Instant.ofEpochMilli(createdAtMillis);
            newest = StreamCursor.newer(newest, created);
            if (pending && (oldestPending == null || created.isBefore(oldestPending))) {
                oldestPending = created;
            }
        }

        Instant value() {
            return oldestPending != null ? oldestPending : newest;
        }
    }
}
