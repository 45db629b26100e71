package io.devhealth.sync.provider.gitlab;

import static io.devhealth.sync.provider.http.ProviderJson.requiredNumber;
import static io.devhealth.sync.provider.http.ProviderJson.requiredObject;
import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;
import static io.devhealth.sync.provider.http.ProviderJson.time;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.Lookahead;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.StreamCursor;

/**
 * The streams of one project, each read incrementally from its {@link StreamCursor}: GitLab filters by
 * {@code updated_after} (the watermark − overlap, or the backfill start on a first run) and the list is sorted by
 * {@code updated_at} descending, so an item updated during the walk moves to the front instead of shifting an unseen
 * one past the walk (offset pages); reading also stops at the first item older than the bound, for servers that ignore
 * the filter.
 * <ul>
 * <li>{@code merge_requests}: {@code /merge_requests?scope=all&state=all}; each changed merge request's detail,
 * approvals, notes and commits are fetched concurrently, one page ahead;</li>
 * <li>{@code issues}: {@code /issues?scope=all&state=all};</li>
 * <li>{@code pipelines}: {@code /pipelines} with each pipeline's detail (start, finish, who ran it) and jobs
 * ({@code include_retried=true}: every attempt); a running pipeline's {@code updated_at} moves when it finishes, so it
 * is read again then;</li>
 * <li>{@code deployments}: {@code /deployments}, after the project's environments (their {@code tier} decides
 * {@code is_production}; without one, the organization's {@code dora.production-environments}).</li>
 * </ul>
 * The first page of each stream is requested with the last run's {@code ETag} when its URL is the same (a 304 ends
 * the stream at once). A stream's new cursor is recorded only after all its rows were handed to the sink; the run
 * returns it only after the sink finished.
 */
final class GitLabStreams {

    static final String MERGE_REQUESTS = "merge_requests";
    static final String ISSUES = "issues";
    static final String PIPELINES = "pipelines";
    static final String DEPLOYMENTS = "deployments";

    /** A merge request with what is fetched for it; {@code detail} is {@code null} when details are off. */
    record MergeRequest(JsonNode item, JsonNode detail, List<JsonNode> approvals, List<JsonNode> notes,
            List<JsonNode> commits) {
    }

    /** A pipeline with its detail and jobs. */
    record Pipeline(JsonNode item, JsonNode detail, List<JsonNode> jobs) {
    }

    private final ApiClient client;
    private final GitLabRows rows;
    private final ProviderCursor cursor;
    private final RunProgress progress;
    private final ExecutorService fetchers;
    private final GitLabConfig config;
    private final Duration overlap;
    private final Instant backfillStart;
    private final ProductionEnvironments production;
    private final Set<String> warnings;

    /** @param warnings collects non-fatal problems fit for users (thread-safe: fetcher threads add to it) */
    GitLabStreams(ApiClient client, GitLabRows rows, ProviderCursor cursor, RunProgress progress,
            ExecutorService fetchers, GitLabConfig config, Duration overlap, Instant backfillStart,
            ProductionEnvironments production, Set<String> warnings) {
        this.client = client;
        this.rows = rows;
        this.cursor = cursor;
        this.progress = progress;
        this.fetchers = fetchers;
        this.config = config;
        this.overlap = overlap;
        this.backfillStart = backfillStart;
        this.production = production;
        this.warnings = warnings;
    }

    /** Reads every stream of {@code project} whose feature it has enabled. */
    void sync(GitLabProject project) throws InterruptedException {
        if (project.has(GitLabProject.MERGE_REQUESTS)) {
            mergeRequests(project);
        }
        if (project.has(GitLabProject.ISSUES)) {
            issues(project);
        }
        if (project.has(GitLabProject.BUILDS)) {
            pipelines(project);
            deployments(project);
        }
    }

    void mergeRequests(GitLabProject project) throws InterruptedException {
        Lookahead<JsonNode, MergeRequest> details = new Lookahead<>(fetchers, item -> mergeRequest(project, item),
                mr -> rows.mergeRequest(project.repoId(), mr));
        walkUpdated(project, MERGE_REQUESTS, "/merge_requests?scope=all&state=all", details);
    }

    private MergeRequest mergeRequest(GitLabProject project, JsonNode item) throws InterruptedException {
        long iid = requiredNumber(item, "iid");
        String path = project.path() + "/merge_requests/" + iid;
        JsonNode detail = config.mergeRequestDetails() ? requiredObject(ApiClient.json(client.get(path))) : null;
        List<JsonNode> approvals = approvals(project, path);
        List<JsonNode> notes = new ArrayList<>();
        for (JsonNode note : all(url(path + "/notes?sort=asc&order_by=created_at"))) {
            if (!ProviderJson.flag(note, "system")) {
                notes.add(note); // system notes ("added 1 commit", "assigned to") are not review activity
            }
        }
        List<JsonNode> commits = all(url(path + "/commits"));
        progress.fetched("approvals", approvals.size());
        progress.fetched("notes", notes.size());
        progress.fetched("commits", commits.size());
        return new MergeRequest(item, detail, approvals, notes, commits);
    }

    /**
     * The {@code approved_by} entries of a merge request; none, with a warning, where the instance or the credential
     * does not offer approvals (404/403): the rest of the merge request is still worth having.
     */
    private List<JsonNode> approvals(GitLabProject project, String path) throws InterruptedException {
        JsonNode body;
        try {
            body = requiredObject(ApiClient.json(client.get(path + "/approvals")));
        } catch (ApiException e) {
            if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
                throw e;
            }
            warnings.add("project " + project.fullPath() + ": merge request approvals are not readable (HTTP "
                    + e.status() + "); merge requests are synced without them");
            return List.of();
        }
        List<JsonNode> approvals = new ArrayList<>();
        JsonNode approvedBy = body.get("approved_by");
        if (approvedBy != null && approvedBy.isArray()) {
            approvedBy.forEach(approval -> approvals.add(requiredObject(approval)));
        }
        return approvals;
    }

    void issues(GitLabProject project) throws InterruptedException {
        Lookahead<JsonNode, JsonNode> issues = new Lookahead<>(fetchers, item -> item,
                issue -> rows.issue(project.repoId(), project.fullPath(), issue));
        walkUpdated(project, ISSUES, "/issues?scope=all&state=all", issues);
    }

    void pipelines(GitLabProject project) throws InterruptedException {
        Lookahead<JsonNode, Pipeline> pipelines = new Lookahead<>(fetchers, item -> pipeline(project, item),
                pipeline -> rows.pipeline(project.repoId(), pipeline));
        walkUpdated(project, PIPELINES, "/pipelines?", pipelines);
    }

    private Pipeline pipeline(GitLabProject project, JsonNode item) throws InterruptedException {
        String path = project.path() + "/pipelines/" + requiredNumber(item, "id");
        JsonNode detail = requiredObject(ApiClient.json(client.get(path)));
        List<JsonNode> jobs = all(url(path + "/jobs?include_retried=true"));
        progress.fetched("jobs", jobs.size());
        return new Pipeline(item, detail, jobs);
    }

    void deployments(GitLabProject project) throws InterruptedException {
        Map<String, String> tiers = tiers(project);
        Lookahead<JsonNode, JsonNode> deployments = new Lookahead<>(fetchers, item -> item, deployment -> {
            String environment = text(deployment, "environment", "name");
            String tier = text(deployment, "environment", "tier");
            if (tier.isEmpty()) {
                tier = tiers.getOrDefault(environment, "");
            }
            rows.deployment(project.repoId(), deployment, tier, production.production(environment, tier));
        });
        walkUpdated(project, DEPLOYMENTS, "/deployments?", deployments);
    }

    /** Environment name → tier; empty, with a warning, when the environments are not readable. */
    private Map<String, String> tiers(GitLabProject project) throws InterruptedException {
        progress.reading("environments", project.fullPath());
        Map<String, String> tiers = new HashMap<>();
        try {
            for (JsonNode environment : all(url(project.path() + "/environments?"))) {
                tiers.put(text(environment, "name"), text(environment, "tier"));
            }
        } catch (ApiException e) {
            if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
                throw e;
            }
            warnings.add("project " + project.fullPath() + ": environments are not readable (HTTP " + e.status()
                    + "); production is decided by environment name");
        }
        progress.fetched("environments", tiers.size());
        return tiers;
    }

    /**
     * Walks {@code list} ({@code order_by=updated_at&sort=desc&updated_after=…}) of {@code stream}, handing its items
     * to {@code items} until one older than the bound, then records the newest {@code updated_at} seen (its
     * {@code created_at} for items GitLab left without one) as the stream's watermark.
     */
    private <T> void walkUpdated(GitLabProject project, String stream, String list, Lookahead<JsonNode, T> items)
            throws InterruptedException {
        progress.reading(stream, project.fullPath());
        StreamCursor previous = cursor.stream(project.key(), stream);
        Instant since = previous.since(overlap, backfillStart);
        URI first = url(project.path() + list + (list.endsWith("?") ? "" : "&") + "order_by=updated_at&sort=desc"
                + (since == null ? "" : "&updated_after=" + since.truncatedTo(ChronoUnit.SECONDS)));
        Instant[] newest = { previous.watermark() };
        ApiClient.Walk walk;
        try {
            walk = client.pages(first, previous.etagFor(first), page -> {
                List<JsonNode> changed = new ArrayList<>();
                boolean older = false;
                for (JsonNode item : ApiClient.array(page, null)) {
                    Instant updated = Instant.ofEpochMilli(updatedAt(requiredObject(item)));
                    if (since != null && updated.isBefore(since)) {
                        older = true;
                        break;
                    }
                    newest[0] = StreamCursor.newer(newest[0], updated);
                    changed.add(item);
                }
                progress.fetched(stream, changed.size());
                items.submit(changed);
                return !older;
            });
            items.finish();
        } finally {
            items.cancel();
        }
        if (walk.notModified()) {
            progress.notModified();
            return;
        }
        cursor.put(project.key(), stream, new StreamCursor(newest[0], walk.etag(), walk.etag() == null ? null
                : first.toString()));
    }

    private static long updatedAt(JsonNode item) {
        Long updated = time(item, "updated_at");
        return updated != null ? updated : requiredTime(item, "created_at");
    }

    /** Every item of a list (all pages). */
    private List<JsonNode> all(URI first) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        client.pages(first, null, page -> {
            ApiClient.array(page, null).forEach(item -> items.add(requiredObject(item)));
            return true;
        });
        return items;
    }

    /** {@code pathAndQuery} against the API root, with the configured page size. */
    private URI url(String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? (pathAndQuery.endsWith("?") ? "" : "&") : "?";
        return client.api().resolve(pathAndQuery + separator + "per_page=" + config.pageSize());
    }
}
