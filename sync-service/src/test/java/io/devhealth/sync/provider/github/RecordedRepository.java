package io.devhealth.sync.provider.github;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;

/**
 * The repository {@code sigmavirus24/github3.py} as the recordings show it, served by a {@link ReplayServer}: every
 * recorded page with its recorded headers.
 * <ul>
 * <li>pull requests: three pages chained by {@code Link} — {@code list_open_sorted} (2021), {@code list_state_closed}
 * (2014, old shape) and the DevLake {@code list_state_all} items (which hold PR 4 twice, as recorded); the detail of
 * each is the list item completed with the detail-only members of the recorded {@code single_merged} (values derived
 * from the number); reviews: the recorded {@code reviews} for PR 1033, {@code reviews_pr53} for PR 4, none
 * otherwise; commits: the recorded repository commits page for PR 1033, none otherwise;</li>
 * <li>review comments: one item in GitHub's documented shape (no recording exists);</li>
 * <li>issues: the five recorded pages of the octokit pagination scenario, their own {@code Link} chain;</li>
 * <li>workflow runs: the three recorded pages ({@code Link} chain); jobs: the recorded job items for every run, with
 * {@code run_id} set to that run;</li>
 * <li>deployments: the recorded list (801, 797), the recorded statuses of 801, none for 797;</li>
 * <li>releases: the recorded list.</li>
 * </ul>
 */
final class RecordedRepository {

    static final String OWNER = "sigmavirus24";
    static final String NAME = "github3.py";
    static final String PATH = "/repos/" + OWNER + "/" + NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRepository() {
    }

    static Reply recorded(String name) {
        return Reply.of(Recordings.load("github/" + name));
    }

    /** The repository object: the recorded {@code base.repo} of {@code single_merged}. */
    static JsonNode repository() {
        return Recordings.json("github/pulls/single_merged").get("base").get("repo");
    }

    static void install(ReplayServer server) {
        server.route(PATH, json(repository()));
        server.routePath(PATH + "/pulls", recorded("pulls/list_open_sorted")
                .with("Link", "<" + GitHubApi.PUBLIC_API + "/repositories/3710711/pulls?state=all&page=2>; rel=\"next\""));
        server.route("/repositories/3710711/pulls?state=all&page=2", recorded("pulls/list_state_closed.page1")
                .with("Link", "<" + GitHubApi.PUBLIC_API + "/repositories/3710711/pulls?state=all&page=3>; rel=\"next\""));
        server.route("/repositories/3710711/pulls?state=all&page=3", recorded("pulls/list_state_all.items"));
        Map<Long, JsonNode> pulls = pullRequests();
        server.dynamic(PATH + "/pulls/", request -> {
            String[] parts = request.pathAndQuery().split("\\?")[0].substring((PATH + "/pulls/").length()).split("/");
            JsonNode pr = pulls.get(Long.parseLong(parts[0]));
            if (pr == null) {
                return null;
            }
            if (parts.length == 1) {
                return json(detail(pr));
            }
            long number = pr.get("number").asLong();
            if (parts[1].equals("commits")) {
                // the recorded page's body alone: its Link header continues the repository's commit list
                return number == 1033 ? json(Recordings.json("github/commits/list.page1")) : Reply.json("[]");
            }
            return number == 1033 ? recorded("pulls/reviews")
                    : number == 4 ? recorded("pulls/reviews_pr53.items") : Reply.json("[]");
        });
        server.routePath(PATH + "/pulls/comments", json(JSON.createArrayNode().add(reviewComment())));
        server.routePath(PATH + "/issues", recorded("issues/list.page1"));
        for (int page = 2; page <= 5; page++) {
            server.route(Recordings.requestPath("github/issues/list.page" + page), recorded("issues/list.page" + page));
        }
        server.routePath(PATH + "/actions/runs", recorded("actions/workflow_runs.page1"));
        server.route("/repositories/540180744/actions/runs?per_page=1&page=2", recorded("actions/workflow_runs.page2"));
        server.route("/repositories/540180744/actions/runs?page=3&per_page=1", recorded("actions/workflow_runs.page3"));
        server.dynamic(PATH + "/actions/runs/", request -> {
            long runId = Long.parseLong(request.pathAndQuery().split("\\?")[0].split("/")[6]);
            return json(jobs(runId));
        });
        server.routePath(PATH + "/deployments", recorded("deployments/list"));
        server.routePath(PATH + "/deployments/801/statuses", recorded("deployments/statuses"));
        server.routePath(PATH + "/deployments/797/statuses", Reply.json("[]"));
        server.routePath(PATH + "/releases", recorded("releases/list"));
    }

    /**
     * Serves the repository object with {@code clone_url} pointing at {@code cloneUrl} (a local git server) instead of
     * github.com, which tests cannot reach.
     */
    static void serveCloneUrl(ReplayServer server, String cloneUrl) {
        server.route(PATH, json(((ObjectNode) repository().deepCopy()).put("clone_url", cloneUrl)));
    }

    /** Every recorded pull request by number (the second copy of PR 4 is the same item). */
    static Map<Long, JsonNode> pullRequests() {
        Map<Long, JsonNode> byNumber = new LinkedHashMap<>();
        for (String name : List.of("pulls/list_open_sorted", "pulls/list_state_closed.page1", "pulls/list_state_all.items")) {
            Recordings.json("github/" + name).forEach(pr -> byNumber.put(pr.get("number").asLong(), pr));
        }
        return byNumber;
    }

    /** The reviews served for a pull request. */
    static List<JsonNode> reviews(long number) {
        List<JsonNode> reviews = new ArrayList<>();
        if (number == 1033) {
            Recordings.json("github/pulls/reviews").forEach(reviews::add);
        } else if (number == 4) {
            Recordings.json("github/pulls/reviews_pr53.items").forEach(reviews::add);
        }
        return reviews;
    }

    /** A list item completed with the detail-only members of the recorded detail. */
    static JsonNode detail(JsonNode item) {
        ObjectNode detail = item.deepCopy();
        JsonNode recorded = Recordings.json("github/pulls/single_merged");
        recorded.properties().forEach(e -> {
            if (!detail.has(e.getKey())) {
                detail.set(e.getKey(), e.getValue());
            }
        });
        long n = item.get("number").asLong();
        detail.put("additions", n * 3 + 1).put("deletions", n % 17).put("changed_files", 1 + n % 9)
                .put("commits", 1 + n % 4).put("comments", n % 6).put("review_comments", n % 5)
                .put("merged", !item.path("merged_at").isNull());
        return detail;
    }

    static JsonNode jobs(long runId) {
        ArrayNode jobs = JSON.createArrayNode();
        Recordings.json("github/actions/workflow_jobs.items").forEach(job -> jobs.add(((ObjectNode) job.deepCopy())
                .put("run_id", runId)));
        return JSON.createObjectNode().put("total_count", jobs.size()).set("jobs", jobs);
    }

    static List<JsonNode> issues() {
        List<JsonNode> issues = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            Recordings.json("github/issues/list.page" + page).forEach(issues::add);
        }
        return issues;
    }

    static List<JsonNode> workflowRuns() {
        List<JsonNode> runs = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Recordings.json("github/actions/workflow_runs.page" + page).get("workflow_runs").forEach(runs::add);
        }
        return runs;
    }

    /**
     * A review comment in the shape GitHub documents for {@code GET /repos/{owner}/{repo}/pulls/comments} (no
     * recording of this endpoint exists in the fixtures), on PR 1033 by the recorded reviewer of its first review.
     */
    static JsonNode reviewComment() {
        JsonNode reviewer = Recordings.json("github/pulls/reviews").get(0).get("user");
        Map<String, Object> comment = new HashMap<>();
        comment.put("url", GitHubApi.PUBLIC_API + PATH + "/pulls/comments/1");
        comment.put("pull_request_review_id", 42);
        comment.put("id", 10);
        comment.put("diff_hunk", "@@ -16,33 +16,40 @@");
        comment.put("path", "github3/repos/repo.py");
        comment.put("commit_id", "6dcb09b5b57875f334f61aebed695e2e4193db5e");
        comment.put("original_commit_id", "9c48853fa3dc5c1c3d6f1f1cd1f2743e72652840");
        comment.put("in_reply_to_id", 8);
        comment.put("user", reviewer);
        comment.put("body", "Great stuff!");
        comment.put("created_at", "2021-10-01T12:00:00Z");
        comment.put("updated_at", "2021-10-02T12:00:00Z");
        comment.put("html_url", "https://github.com/" + OWNER + "/" + NAME + "/pull/1033#discussion-diff-10");
        comment.put("pull_request_url", GitHubApi.PUBLIC_API + PATH + "/pulls/1033");
        comment.put("author_association", "NONE");
        return JSON.valueToTree(comment);
    }

    static Reply json(JsonNode node) {
        try {
            return Reply.json(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
