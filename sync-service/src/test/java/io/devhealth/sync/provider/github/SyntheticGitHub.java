package io.devhealth.sync.provider.github;

import static io.devhealth.sync.provider.http.JsonTemplate.string;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.JsonTemplate;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;

/**
 * A large GitHub repository made of the recorded shapes ({@link JsonTemplate}s of the real recordings: pull request
 * list item and detail, review, issue, workflow run and job, deployment and status, release), served page by page by
 * a {@link ReplayServer} the way GitHub serves them: {@code Link} pagination, {@code ETag}s, newest first,
 * {@code since}/{@code created} filters. Values are deterministic functions of the item's number, so tests can
 * compute what must land in ClickHouse. Pull requests can be "edited" ({@link #touch}) to test incremental runs.
 */
public final class SyntheticGitHub {

    /** How many of each. */
    public record Size(int pullRequests, int reviewsPerPull, int issues, int workflowRuns, int jobsPerRun,
            int deployments, int statusesPerDeployment, int releases) {

        /** Rows a full sync writes, all tables together (repos included). */
        public long rows() {
            return 1 + (long) pullRequests * (1 + reviewsPerPull) + pullRequestCommits() + issues
                    + (long) workflowRuns * (1 + jobsPerRun) + (long) deployments * (1 + statusesPerDeployment)
                    + releases;
        }

        /** Commits of all pull requests together ({@link SyntheticGitHub#commitsOf}). */
        public long pullRequestCommits() {
            long total = 0;
            for (long n = 1; n <= pullRequests; n++) {
                total += commitsOf(n);
            }
            return total;
        }
    }

    static final Instant BASE = Instant.parse("2015-01-01T00:00:00Z");
    private static final String[] REVIEW_STATES = { "APPROVED", "COMMENTED", "CHANGES_REQUESTED" };

    private final String owner;
    private final String name;
    private final Size size;
    private final int pageSize;
    private final Map<Long, Instant> touched = new ConcurrentHashMap<>();
    private final Map<Long, String> titles = new ConcurrentHashMap<>();
    private final Set<Long> removed = ConcurrentHashMap.newKeySet();
    private volatile long[] pullOrder;
    private String origin;

    private final JsonTemplate repo;
    private final JsonTemplate pull;
    private final JsonTemplate pullDetail;
    private final JsonTemplate review;
    private final JsonTemplate commit;
    private final JsonTemplate issue;
    private final JsonTemplate run;
    private final JsonTemplate job;
    private final JsonTemplate deployment;
    private final JsonTemplate status;
    private final JsonTemplate release;

    public SyntheticGitHub(String owner, String name, Size size, int pageSize) {
        this.owner = owner;
        this.name = name;
        this.size = size;
        this.pageSize = pageSize;
        Map<String, String> pullSlots = new LinkedHashMap<>(Map.ofEntries(Map.entry("number", "/number"),
                Map.entry("id", "/id"), Map.entry("title", "/title"), Map.entry("state", "/state"),
                Map.entry("login", "/user/login"), Map.entry("userId", "/user/id"), Map.entry("created", "/created_at"),
                Map.entry("updated", "/updated_at"), Map.entry("closed", "/closed_at"), Map.entry("merged", "/merged_at"),
                Map.entry("headSha", "/head/sha"), Map.entry("baseSha", "/base/sha"), Map.entry("draft", "/draft")));
        this.pull = new JsonTemplate(Recordings.json("github/pulls/list_state_all.items").get(2), pullSlots);
        Map<String, String> detailSlots = new LinkedHashMap<>(pullSlots);
        detailSlots.putAll(Map.of("additions", "/additions", "deletions", "/deletions", "changedFiles",
                "/changed_files", "commits", "/commits", "comments", "/comments", "reviewComments", "/review_comments",
                "isMerged", "/merged"));
        this.pullDetail = new JsonTemplate(Recordings.json("github/pulls/single_merged"), detailSlots);
        JsonNode repoRecording = Recordings.json("github/pulls/single_merged").get("base").get("repo");
        this.repo = new JsonTemplate(repoRecording, Map.of("id", "/id", "fullName", "/full_name", "name", "/name",
                "htmlUrl", "/html_url"));
        this.review = new JsonTemplate(Recordings.json("github/pulls/reviews_pr53.items").get(0), Map.of("id", "/id",
                "login", "/user/login", "userId", "/user/id", "state", "/state", "submitted", "/submitted_at",
                "commit", "/commit_id", "pullUrl", "/pull_request_url"));
        this.commit = new JsonTemplate(Recordings.json("github/commits/list.page1").get(0), Map.of("sha", "/sha",
                "name", "/commit/author/name", "email", "/commit/author/email", "authored", "/commit/author/date",
                "committed", "/commit/committer/date", "login", "/author/login", "userId", "/author/id"));
        this.issue = new JsonTemplate(Recordings.json("github/issues/list.page1").get(0), Map.of("id", "/id",
                "number", "/number", "title", "/title", "state", "/state", "login", "/user/login", "userId", "/user/id",
                "created", "/created_at", "updated", "/updated_at", "closed", "/closed_at"));
        this.run = new JsonTemplate(Recordings.json("github/actions/workflow_runs.items").get(0), Map.ofEntries(
                Map.entry("id", "/id"), Map.entry("name", "/name"), Map.entry("status", "/status"),
                Map.entry("conclusion", "/conclusion"), Map.entry("sha", "/head_sha"), Map.entry("branch", "/head_branch"),
                Map.entry("created", "/created_at"), Map.entry("updated", "/updated_at"),
                Map.entry("started", "/run_started_at"), Map.entry("login", "/actor/login"),
                Map.entry("userId", "/actor/id")));
        this.job = new JsonTemplate(Recordings.json("github/actions/workflow_jobs.items").get(0), Map.of("id", "/id",
                "runId", "/run_id", "name", "/name", "status", "/status", "conclusion", "/conclusion", "started",
                "/started_at", "completed", "/completed_at"));
        this.deployment = new JsonTemplate(Recordings.json("github/deployments/list").get(0), Map.of("id", "/id",
                "sha", "/sha", "ref", "/ref", "environment", "/environment", "created", "/created_at", "updated",
                "/updated_at", "login", "/creator/login", "userId", "/creator/id"));
        this.status = new JsonTemplate(Recordings.json("github/deployments/statuses").get(0), Map.of("id", "/id",
                "state", "/state", "created", "/created_at", "updated", "/updated_at"));
        this.release = new JsonTemplate(Recordings.json("github/releases/list").get(0), Map.of("id", "/id",
                "tag", "/tag_name", "created", "/created_at", "published", "/published_at"));
        reorder();
    }

    public Size size() {
        return size;
    }

    public String fullName() {
        return owner + "/" + name;
    }

    /** Serves this repository from {@code server} under {@code /repos/owner/name}. */
    public SyntheticGitHub install(ReplayServer server) {
        this.origin = server.url();
        server.dynamic("/repos/" + owner + "/" + name, this::reply);
        return this;
    }

    /** Edits pull request {@code number}: a new title, updated at {@code updatedAt} (it moves to the list's top). */
    public void touch(long number, Instant updatedAt, String title) {
        touched.put(number, updatedAt);
        titles.put(number, title);
        reorder();
    }

    // --- deterministic values --------------------------------------------------------------------------------------

    static Instant pullCreated(long n) {
        return BASE.plus(Duration.ofHours(n));
    }

    Instant pullUpdated(long n) {
        return touched.getOrDefault(n, pullCreated(n).plus(Duration.ofMinutes(30)));
    }

    String pullTitle(long n) {
        return titles.getOrDefault(n, "Synthetic change " + n);
    }

    /** open (every 10th), merged (1–7 of 10) or closed. */
    static String pullState(long n) {
        long r = n % 10;
        return r == 0 ? "open" : r <= 7 ? "merged" : "closed";
    }

    static long additions(long n) {
        return (n * 37) % 1000;
    }

    static long deletions(long n) {
        return (n * 11) % 300;
    }

    /** A pull request's commit count: 1–3. */
    static long commitsOf(long n) {
        return 1 + n % 3;
    }

    /** Its k-th commit's author date: an hour apart, the last one 15 minutes before the request was opened. */
    static Instant commitAuthored(long n, int k) {
        return pullCreated(n).minus(Duration.ofMinutes(15)).minus(Duration.ofHours(commitsOf(n) - 1 - k));
    }

    static String reviewState(long n, int k) {
        return REVIEW_STATES[(int) ((n + k) % REVIEW_STATES.length)];
    }

    static String login(long n) {
        return "dev" + (n % 97);
    }

    static long userId(long n) {
        return 100_000 + n % 97;
    }

    long issueNumber(int j) {
        return size.pullRequests() + j;
    }

    static Instant issueUpdated(int j) {
        return BASE.plus(Duration.ofHours(j)).plus(Duration.ofMinutes(35));
    }

    static long runId(int i) {
        return 5_000_000_000L + i;
    }

    static Instant runCreated(int i) {
        return BASE.plus(Duration.ofMinutes(30L * i));
    }

    static long deploymentId(int d) {
        return 7_000_000L + d;
    }

    static Instant deploymentCreated(int d) {
        return BASE.plus(Duration.ofHours(3L * d));
    }

    static String environment(int d) {
        return d % 2 == 0 ? "production" : "staging";
    }

    /** Newest status first: the last one is {@code success} (every 10th: {@code failure}), the others in_progress. */
    String statusState(int d, int k) {
        return k == size.statusesPerDeployment() - 1 ? (d % 10 == 0 ? "failure" : "success") : "in_progress";
    }

    // --- serving ---------------------------------------------------------------------------------------------------

    private Reply reply(ReplayServer.Request request) {
        String pathAndQuery = request.pathAndQuery();
        int q = pathAndQuery.indexOf('?');
        String path = (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).substring(("/repos/" + fullName()).length());
        Map<String, String> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        String[] parts = path.split("/");
        return switch (parts.length <= 1 ? "" : parts[1]) {
            case "" -> json(render(repo, Map.of("id", "424242", "fullName", string(fullName()), "name", string(name),
                    "htmlUrl", string("https://github.com/" + fullName()))), null);
            case "pulls" -> pulls(parts, page, pathAndQuery);
            case "issues" -> issues(query, page, pathAndQuery);
            case "actions" -> parts.length == 3 ? runs(query, page, pathAndQuery)
                    : jobs(Long.parseLong(parts[3]));
            case "deployments" -> parts.length == 2 ? deployments(page, pathAndQuery)
                    : statuses(Long.parseLong(parts[2]));
            case "releases" -> page(list(size.releases(), page, r -> renderRelease((int) r)), null, page,
                    size.releases(), pathAndQuery);
            default -> null;
        };
    }

    private Reply pulls(String[] parts, int page, String pathAndQuery) {
        if (parts.length == 2) {
            long[] order = pullOrder;
            return page(list(order.length, page, i -> renderPull(order[(int) i - 1], false)), null, page, order.length,
                    pathAndQuery);
        }
        if (parts[2].equals("comments")) {
            return json("[]", "\"none\"");
        }
        long n = Long.parseLong(parts[2]);
        if (n < 1 || n > size.pullRequests() || removed.contains(n)) {
            return null;
        }
        if (parts.length == 3) {
            return json(renderPull(n, true), null);
        }
        if (parts[3].equals("commits")) {
            return json(renderCommits(n), null);
        }
        StringBuilder out = new StringBuilder("[");
        for (int k = 0; k < size.reviewsPerPull(); k++) {
            if (k > 0) {
                out.append(',');
            }
            Map<String, String> v = new HashMap<>();
            v.put("id", Long.toString(n * 100 + k));
            v.put("login", string(login(n + k + 1)));
            v.put("userId", Long.toString(userId(n + k + 1)));
            v.put("state", string(reviewState(n, k)));
            v.put("submitted", string(pullCreated(n).plus(Duration.ofMinutes(10L * (k + 1))).toString()));
            v.put("commit", string(sha("head", n)));
            v.put("pullUrl", string("https://api.github.com/repos/" + fullName() + "/pulls/" + n));
            review.render(out, v);
        }
        return json(out.append(']').toString(), null);
    }

    private String renderCommits(long n) {
        StringBuilder out = new StringBuilder("[");
        for (int k = 0; k < commitsOf(n); k++) {
            if (k > 0) {
                out.append(',');
            }
            Instant authored = commitAuthored(n, k);
            commit.render(out, Map.of("sha", string(sha("commit" + k, n)), "name", string("Dev " + (n % 97)),
                    "email", string(login(n) + "@example.com"), "authored", string(authored.toString()),
                    "committed", string(authored.plusSeconds(60).toString()), "login", string(login(n)),
                    "userId", Long.toString(userId(n))));
        }
        return out.append(']').toString();
    }

    private String renderPull(long n, boolean detail) {
        String state = pullState(n);
        Instant created = pullCreated(n);
        Instant updated = pullUpdated(n);
        Map<String, String> v = new HashMap<>();
        v.put("number", Long.toString(n));
        v.put("id", Long.toString(10_000_000L + n));
        v.put("title", string(pullTitle(n)));
        v.put("state", string(state.equals("open") ? "open" : "closed"));
        v.put("login", string(login(n)));
        v.put("userId", Long.toString(userId(n)));
        v.put("created", string(created.toString()));
        v.put("updated", string(updated.toString()));
        v.put("closed", state.equals("open") ? "null" : string(created.plus(Duration.ofMinutes(25)).toString()));
        v.put("merged", state.equals("merged") ? string(created.plus(Duration.ofMinutes(25)).toString()) : "null");
        v.put("headSha", string(sha("head", n)));
        v.put("baseSha", string(sha("base", n)));
        v.put("draft", Boolean.toString(state.equals("open") && n % 20 == 0));
        if (detail) {
            v.put("additions", Long.toString(additions(n)));
            v.put("deletions", Long.toString(deletions(n)));
            v.put("changedFiles", Long.toString(1 + n % 20));
            v.put("commits", Long.toString(1 + n % 7));
            v.put("comments", Long.toString(n % 5));
            v.put("reviewComments", Long.toString(n % 3));
            v.put("isMerged", Boolean.toString(state.equals("merged")));
        }
        StringBuilder out = new StringBuilder(detail ? 20_000 : 11_000);
        (detail ? pullDetail : pull).render(out, v);
        return out.toString();
    }

    private Reply issues(Map<String, String> query, int page, String pathAndQuery) {
        Instant since = query.containsKey("since") ? Instant.parse(query.get("since")) : null;
        int count = 0;
        for (int j = size.issues(); j >= 1 && (since == null || !issueUpdated(j).isBefore(since)); j--) {
            count++;
        }
        int total = count;
        return page(list(total, page, i -> renderIssue(size.issues() - (int) i + 1)), null, page, total, pathAndQuery);
    }

    private String renderIssue(int j) {
        Instant created = issueUpdated(j).minus(Duration.ofMinutes(20));
        Map<String, String> v = new HashMap<>();
        v.put("id", Long.toString(900_000_000L + j));
        v.put("number", Long.toString(issueNumber(j)));
        v.put("title", string("Synthetic issue " + j));
        v.put("state", string(j % 3 == 0 ? "closed" : "open"));
        v.put("login", string(login(j)));
        v.put("userId", Long.toString(userId(j)));
        v.put("created", string(created.toString()));
        v.put("updated", string(issueUpdated(j).toString()));
        v.put("closed", j % 3 == 0 ? string(issueUpdated(j).toString()) : "null");
        StringBuilder out = new StringBuilder(3_000);
        issue.render(out, v);
        return out.toString();
    }

    private Reply runs(Map<String, String> query, int page, String pathAndQuery) {
        String created = query.getOrDefault("created", "");
        Instant since = created.startsWith(">=") ? Instant.parse(created.substring(2)) : null;
        int count = 0;
        for (int i = size.workflowRuns(); i >= 1 && (since == null || !runCreated(i).isBefore(since)); i--) {
            count++;
        }
        int total = count;
        return page(list(total, page, i -> renderRun(size.workflowRuns() - (int) i + 1)), "workflow_runs", page, total,
                pathAndQuery);
    }

    private String renderRun(int i) {
        Instant created = runCreated(i);
        Map<String, String> v = new HashMap<>();
        v.put("id", Long.toString(runId(i)));
        v.put("name", string(i % 2 == 0 ? "CI" : "Release"));
        v.put("status", string("completed"));
        v.put("conclusion", string(i % 9 == 0 ? "failure" : "success"));
        v.put("sha", string(sha("run", i)));
        v.put("branch", string("main"));
        v.put("created", string(created.toString()));
        v.put("updated", string(created.plus(Duration.ofMinutes(12)).toString()));
        v.put("started", string(created.plus(Duration.ofMinutes(1)).toString()));
        v.put("login", string(login(i)));
        v.put("userId", Long.toString(userId(i)));
        StringBuilder out = new StringBuilder(13_000);
        run.render(out, v);
        return out.toString();
    }

    private Reply jobs(long runId) {
        int i = (int) (runId - 5_000_000_000L);
        StringBuilder out = new StringBuilder("{\"total_count\":").append(size.jobsPerRun()).append(",\"jobs\":[");
        for (int k = 0; k < size.jobsPerRun(); k++) {
            if (k > 0) {
                out.append(',');
            }
            Instant started = runCreated(i).plus(Duration.ofMinutes(1 + k));
            Map<String, String> v = new HashMap<>();
            v.put("id", Long.toString(runId * 10 + k));
            v.put("runId", Long.toString(runId));
            v.put("name", string("job " + k));
            v.put("status", string("completed"));
            v.put("conclusion", string("success"));
            v.put("started", string(started.toString()));
            v.put("completed", string(started.plus(Duration.ofMinutes(5)).toString()));
            job.render(out, v);
        }
        return json(out.append("]}").toString(), null);
    }

    private Reply deployments(int page, String pathAndQuery) {
        int total = size.deployments();
        return page(list(total, page, i -> renderDeployment(total - (int) i + 1)), null, page, total, pathAndQuery);
    }

    private String renderDeployment(int d) {
        Instant created = deploymentCreated(d);
        Map<String, String> v = new HashMap<>();
        v.put("id", Long.toString(deploymentId(d)));
        v.put("sha", string(sha("deploy", d)));
        v.put("ref", string("main"));
        v.put("environment", string(environment(d)));
        v.put("created", string(created.toString()));
        v.put("updated", string(created.plus(Duration.ofMinutes(5)).toString()));
        v.put("login", string(login(d)));
        v.put("userId", Long.toString(userId(d)));
        StringBuilder out = new StringBuilder(3_000);
        deployment.render(out, v);
        return out.toString();
    }

    private Reply statuses(long deploymentId) {
        int d = (int) (deploymentId - 7_000_000L);
        StringBuilder out = new StringBuilder("[");
        for (int k = size.statusesPerDeployment() - 1; k >= 0; k--) {
            if (out.length() > 1) {
                out.append(',');
            }
            Instant created = deploymentCreated(d).plus(Duration.ofMinutes(1 + k));
            Map<String, String> v = new HashMap<>();
            v.put("id", Long.toString(deploymentId * 10 + k));
            v.put("state", string(statusState(d, k)));
            v.put("created", string(created.toString()));
            v.put("updated", string(created.toString()));
            status.render(out, v);
        }
        return json(out.append(']').toString(), null);
    }

    private String renderRelease(int r) {
        Instant created = BASE.plus(Duration.ofDays(7L * r));
        Map<String, String> v = new HashMap<>();
        v.put("id", Long.toString(8_000_000L + r));
        v.put("tag", string("v1." + r));
        v.put("created", string(created.toString()));
        v.put("published", string(created.plus(Duration.ofHours(1)).toString()));
        StringBuilder out = new StringBuilder(3_000);
        release.render(out, v);
        return out.toString();
    }

    // --- pages -----------------------------------------------------------------------------------------------------

    /** Items {@code (page−1)·size+1 …} of {@code total} (1-based positions) rendered by {@code item}. */
    private String list(int total, int page, LongFunction<String> item) {
        StringBuilder out = new StringBuilder("[");
        int from = (page - 1) * pageSize + 1;
        for (int i = from; i <= Math.min(total, from + pageSize - 1); i++) {
            if (i > from) {
                out.append(',');
            }
            out.append(item.apply(i));
        }
        return out.append(']').toString();
    }

    private Reply page(String items, String envelope, int page, int total, String pathAndQuery) {
        String body = envelope == null ? items : "{\"total_count\":" + total + ",\"" + envelope + "\":" + items + "}";
        int last = Math.max(1, (total + pageSize - 1) / pageSize);
        Reply reply = json(body, null);
        if (page < last) {
            String base = pathAndQuery.replaceAll("([?&])page=\\d+&?", "$1").replaceAll("[?&]$", "");
            String sep = base.contains("?") ? "&" : "?";
            reply = reply.with("Link", "<" + origin + base + sep + "page=" + (page + 1) + ">; rel=\"next\", <" + origin
                    + base + sep + "page=" + last + ">; rel=\"last\"");
        }
        return reply;
    }

    private static Reply json(String body, String etag) {
        Reply reply = Reply.json(body).with("X-RateLimit-Remaining", "4999")
                .with("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 3600));
        return reply.with("ETag", etag != null ? etag : "W/\"" + Integer.toHexString(body.hashCode()) + body.length() + "\"");
    }

    private static String render(JsonTemplate template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(8_000);
        template.render(out, values);
        return out.toString();
    }

    /** Deletes pull request {@code number} at the source: gone from the list, its detail answers 404. */
    public void remove(long number) {
        removed.add(number);
        reorder();
    }

    private void reorder() {
        List<Long> numbers = new ArrayList<>(size.pullRequests());
        for (long n = 1; n <= size.pullRequests(); n++) {
            if (!removed.contains(n)) {
                numbers.add(n);
            }
        }
        numbers.sort((a, b) -> {
            int byTime = pullUpdated(b).compareTo(pullUpdated(a));
            return byTime != 0 ? byTime : Long.compare(b, a);
        });
        pullOrder = numbers.stream().mapToLong(Long::longValue).toArray();
    }

    static String sha(String kind, long n) {
        String hex = Long.toHexString((kind.hashCode() * 1_000_003L) ^ (n * 0x9E3779B97F4A7C15L));
        return (hex + "0000000000000000000000000000000000000000").substring(0, 40);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
