package io.devhealth.sync.provider.gitlab;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.NextPageHeaderPagination;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;

/**
 * Two GitLab projects as the recordings in {@code ../shared/fixtures/providers/gitlab} show them, served by a
 * {@link ReplayServer} (optionally under a self-managed path prefix such as {@code /gitlab}).
 * <ul>
 * <li>Project A, {@code gitea/test_repo} (Gitea's recordings, real headers): the recorded merge request page 1 (its
 * recorded {@code Link} leads to page 2, which holds merge request 2 as the recorded approvals response describes it);
 * the recorded detail of merge request 3 (the others: the list item completed with the detail-only members of that
 * recording); the recorded approvals of merge request 2; the recorded issue page 1 and, at its {@code Link}, an empty
 * last page. CI is disabled on A ({@code jobs_enabled: false}): no pipeline or deployment request.</li>
 * <li>Project B, {@code gitlab-data/snowflake_spend} (DevLake's recorded items, no headers): listed through group
 * {@code gitlab-data} (with A again, which is synced once). Its lists are answered like GitLab answers them: filtered
 * by {@code updated_after}, sorted by {@code updated_at} descending, {@code per_page} items per page with GitLab's
 * offset headers ({@code X-Page}, {@code X-Next-Page}, {@code X-Total}…, the recorded {@code RateLimit-*}) and a
 * {@code Link} header except for issues (whose pages are found by {@code X-Next-Page} alone). Merge request 1 has the
 * recorded notes (plus a review note by another user and a diff note, built from a recorded note) and the recorded
 * approvals; merge request 3 has the recorded merge request commits; pipelines are the recorded items plus the
 * recorded single pipeline, each with a detail (the recorded one, or the item completed with the detail-only members
 * of it) and two jobs (the recorded deployments' deploy jobs, re-parented); deployments are the recorded items;
 * environments are the distinct environments of those deployments with a {@code tier}.</li>
 * </ul>
 */
final class RecordedGitLab {

    static final String ORIGIN = "https://gitlab.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final String api;
    private final Map<String, List<ObjectNode>> lists = new ConcurrentHashMap<>();

    RecordedGitLab(String prefix) {
        this.prefix = prefix;
        this.api = prefix + "/api/v4";
        lists.put("merge_requests", items("merge_requests/list_with_stats.items"));
        lists.put("issues", items("issues/list.items"));
        List<ObjectNode> pipelines = items("pipelines/list.items");
        pipelines.add((ObjectNode) single("pipelines/single").deepCopy());
        lists.put("pipelines", pipelines);
        lists.put("deployments", items("deployments/list.items"));
    }

    /** The API root under the replay server, e.g. {@code http://127.0.0.1:1234/gitlab/api/v4}. */
    String apiUrl(ReplayServer server) {
        return server.url() + api;
    }

    // --- the projects -------------------------------------------------------------------------------------------

    /** Project A's full path, as its merge request's {@code references.full} names it ({@code gitea/test_repo}). */
    static String pathA() {
        String full = single("merge_requests/single").get("references").get("full").asText();
        return full.substring(0, full.indexOf('!'));
    }

    static long idA() {
        return single("merge_requests/single").get("project_id").asLong();
    }

    /** Project B's full path, from its merge requests' {@code web_url}. */
    static String pathB() {
        String url = items("merge_requests/list_with_stats.items").getFirst().get("web_url").asText();
        return URI.create(url).getPath().substring(1, URI.create(url).getPath().indexOf("/-/"));
    }

    static long idB() {
        return items("merge_requests/list_with_stats.items").getFirst().get("project_id").asLong();
    }

    static String groupB() {
        return pathB().substring(0, pathB().indexOf('/'));
    }

    /** A project in the shape of {@code GET /projects/:id}, built from the recorded ids, paths and URLs. */
    static ObjectNode project(long id, String path, boolean ci) {
        ObjectNode project = JSON.createObjectNode().put("id", id).put("name", path.substring(path.lastIndexOf('/') + 1))
                .put("path_with_namespace", path).put("default_branch", "master")
                .put("web_url", ORIGIN + "/" + path).put("http_url_to_repo", ORIGIN + "/" + path + ".git")
                .put("merge_requests_enabled", true).put("issues_enabled", true).put("jobs_enabled", ci);
        project.put("builds_access_level", ci ? "enabled" : "disabled");
        return project;
    }

    // --- serving ---------------------------------------------------------------------------------------------------

    void install(ReplayServer server) {
        String a = api + "/projects/" + idA();
        server.route(api + "/projects/" + GitLabApi.segment(pathA()), json(project(idA(), pathA(), false)));
        server.route(a, json(project(idA(), pathA(), false)));
        server.route(api + "/projects/" + idB(), json(project(idB(), pathB(), true)));
        server.routePath(api + "/groups/" + GitLabApi.segment(groupB()) + "/projects", json(JSON.createArrayNode()
                .add(project(idB(), pathB(), true)).add(project(idA(), pathA(), false))));

        server.routePath(a + "/merge_requests", recorded("merge_requests/list.page1"));
        server.route(prefix + nextPath("merge_requests/list.page1"), lastPage(JSON.createArrayNode().add(mergeRequest2())));
        server.dynamic(a + "/merge_requests/", request -> mergeRequestA(request));
        server.routePath(a + "/issues", recorded("issues/list.page1"));
        server.route(prefix + nextPath("issues/list.page1"), lastPage(JSON.createArrayNode()));

        server.dynamic(api + "/projects/" + idB() + "/", this::projectB);
    }

    private Reply mergeRequestA(ReplayServer.Request request) {
        String[] parts = path(request).substring((api + "/projects/" + idA() + "/merge_requests/").length()).split("/");
        long iid = Long.parseLong(parts[0]);
        if (parts.length == 1) {
            return iid == 3 ? recorded("merge_requests/single") : json(detail(iid == 2 ? mergeRequest2() : itemA(iid)));
        }
        return switch (parts[1]) {
            case "approvals" -> iid == 2 ? recorded("merge_requests/approvals") : json(noApprovals());
            case "notes", "commits" -> lastPage(JSON.createArrayNode());
            default -> null;
        };
    }

    private Reply projectB(ReplayServer.Request request) {
        String[] parts = path(request).substring((api + "/projects/" + idB() + "/").length()).split("/");
        String resource = parts[0];
        if (parts.length == 1) {
            return switch (resource) {
                case "environments" -> json(environments());
                case "merge_requests", "pipelines", "deployments" -> page(request, lists.get(resource), true);
                case "issues" -> page(request, lists.get(resource), false);
                default -> null;
            };
        }
        long id = Long.parseLong(parts[1]);
        String sub = parts.length > 2 ? parts[2] : "";
        if (resource.equals("merge_requests")) {
            return switch (sub) {
                case "" -> json(detail(itemB(id)));
                case "approvals" -> id == 1 ? recorded("merge_requests/approvals") : json(noApprovals());
                case "notes" -> page(request, id == 1 ? notesB() : List.of(), true);
                case "commits" -> page(request, id == 3 ? items("merge_requests/commits_mr2.items") : List.of(), true);
                default -> null;
            };
        }
        if (resource.equals("pipelines")) {
            return sub.isEmpty() ? json(pipelineDetail(id)) : page(request, jobs(id), true);
        }
        return null;
    }

    /**
     * One page of {@code all} as GitLab serves a list: {@code updated_after} applied, newest {@code updated_at} first
     * (items without one by {@code created_at}), {@code per_page} per page, offset headers and optionally {@code Link}.
     */
    private Reply page(ReplayServer.Request request, List<? extends JsonNode> all, boolean link) {
        Map<String, String> query = query(request);
        List<JsonNode> items = new ArrayList<>(all);
        if (query.containsKey("updated_after")) {
            Instant after = Instant.parse(query.get("updated_after"));
            items.removeIf(item -> updatedAt(item).isBefore(after));
        }
        if ("updated_at".equals(query.get("order_by"))) {
            items.sort(Comparator.comparing(RecordedGitLab::updatedAt).reversed());
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "20"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
        ArrayNode body = JSON.createArrayNode();
        items.subList(Math.min(items.size(), (page - 1) * perPage), Math.min(items.size(), page * perPage))
                .forEach(body::add);
        Reply reply = json(body).with("X-Page", Integer.toString(page)).with("X-Per-Page", Integer.toString(perPage))
                .with("X-Total", Integer.toString(items.size())).with("X-Total-Pages", Integer.toString(pages))
                .with("X-Next-Page", page < pages ? Integer.toString(page + 1) : "")
                .with("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
        for (Map.Entry<String, String> header : rateLimitHeaders().entrySet()) {
            reply = reply.with(header.getKey(), header.getValue());
        }
        if (link) {
            String self = ORIGIN + request.pathAndQuery();
            String links = (page < pages ? "<" + withPage(self, page + 1) + ">; rel=\"next\", " : "")
                    + "<" + withPage(self, 1) + ">; rel=\"first\", <" + withPage(self, pages) + ">; rel=\"last\"";
            reply = reply.with("Link", links);
        }
        return reply;
    }

    // --- what is served, for assertions ------------------------------------------------------------------------

    /** The current items of one of B's lists ({@code merge_requests}, {@code issues}, {@code pipelines}, …). */
    List<ObjectNode> list(String stream) {
        return lists.get(stream);
    }

    /** Edits one of B's items: a new {@code updated_at} and title (what a change at the source does). */
    void touch(String stream, int index, Instant updatedAt, String title) {
        lists.get(stream).get(index).put("updated_at", updatedAt.toString()).put("title", title);
    }

    /** Project A's merge requests: the recorded list page 1 and merge request 2 on page 2. */
    static List<JsonNode> mergeRequestsA() {
        List<JsonNode> items = new ArrayList<>();
        Recordings.json("gitlab/merge_requests/list.page1").forEach(items::add);
        items.add(mergeRequest2());
        return items;
    }

    /** Merge request 2 of A as a list item: the merge request members of the recorded approvals response. */
    static ObjectNode mergeRequest2() {
        JsonNode approvals = single("merge_requests/approvals");
        ObjectNode item = JSON.createObjectNode();
        for (String field : List.of("id", "iid", "project_id", "title", "description", "state", "created_at",
                "updated_at", "merge_status")) {
            item.set(field, approvals.get(field));
        }
        return item;
    }

    private static JsonNode itemA(long iid) {
        return mergeRequestsA().stream().filter(mr -> mr.get("iid").asLong() == iid).findFirst().orElseThrow();
    }

    private JsonNode itemB(long iid) {
        return lists.get("merge_requests").stream().filter(mr -> mr.get("iid").asLong() == iid).findFirst()
                .orElseThrow();
    }

    /**
     * The detail served for a merge request: the recorded detail for A's merge request 3, else the item completed
     * with the detail-only members of that recording, its {@code diff_refs.head_sha} being the item's own head.
     */
    static JsonNode detail(JsonNode item) {
        JsonNode recorded = single("merge_requests/single");
        if (item.get("project_id").asLong() == recorded.get("project_id").asLong()
                && item.get("iid").asLong() == recorded.get("iid").asLong()) {
            return recorded;
        }
        ObjectNode detail = listItem(recorded, item);
        if (item.hasNonNull("sha")) {
            ((ObjectNode) detail.get("diff_refs")).put("head_sha", item.get("sha").asText());
        }
        return detail;
    }

    /** The detail of A's merge request {@code iid}, as served. */
    static JsonNode detailA(long iid) {
        return detail(itemA(iid));
    }

    /** The detail of B's merge request {@code iid}, as served. */
    JsonNode detailB(long iid) {
        return detail(itemB(iid));
    }

    /** The recorded approvals response with nobody in {@code approved_by}. */
    private static JsonNode noApprovals() {
        ObjectNode approvals = single("merge_requests/approvals").deepCopy();
        approvals.set("approved_by", JSON.createArrayNode());
        return approvals.put("approved", false);
    }

    /**
     * Merge request 1's notes: the recorded ones, then a general note by the user of the last recorded note (not the
     * author) and a diff note by the same user, both copies of the recorded non-system note with GitLab's documented
     * {@code DiscussionNote} / {@code DiffNote} members.
     */
    static List<JsonNode> notesB() {
        List<JsonNode> notes = new ArrayList<>(items("merge_requests/notes_mr1.items"));
        JsonNode human = notes.stream().filter(n -> !n.get("system").asBoolean()).findFirst().orElseThrow();
        JsonNode reviewer = notes.getLast().get("author");
        ObjectNode general = human.deepCopy();
        general.put("id", human.get("id").asLong() + 1_000_000).put("type", "DiscussionNote")
                .put("body", "Looks good to me").set("author", reviewer);
        ObjectNode diff = human.deepCopy();
        diff.put("id", human.get("id").asLong() + 2_000_000).put("type", "DiffNote").put("body", "nit: rename")
                .set("author", reviewer);
        diff.put("created_at", notes.getLast().get("created_at").asText());
        diff.set("position", JSON.createObjectNode().put("base_sha", "0".repeat(40))
                .put("start_sha", "0".repeat(40)).put("head_sha", items("merge_requests/list_with_stats.items")
                        .getFirst().get("sha").asText())
                .put("old_path", "README.md").put("new_path", "README.md").put("position_type", "text")
                .putNull("old_line").put("new_line", 3));
        notes.add(general);
        notes.add(diff);
        return notes;
    }

    /** The detail served for a pipeline. */
    JsonNode pipelineDetail(long id) {
        JsonNode recorded = single("pipelines/single");
        if (recorded.get("id").asLong() == id) {
            return recorded;
        }
        JsonNode item = lists.get("pipelines").stream().filter(p -> p.get("id").asLong() == id).findFirst()
                .orElseThrow();
        ObjectNode detail = listItem(recorded, item);
        detail.set("started_at", item.get("created_at"));
        boolean finished = List.of("success", "failed", "canceled", "skipped").contains(item.get("status").asText());
        detail.set("finished_at", finished ? item.get("updated_at") : JSON.nullNode());
        return detail;
    }

    /** A pipeline's jobs: the deploy jobs of the first two recorded deployments, re-parented to it. */
    static List<JsonNode> jobs(long pipelineId) {
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode deployment : items("deployments/list.items").subList(0, 2)) {
            ObjectNode job = deployment.get("deployable").deepCopy();
            ((ObjectNode) job.get("pipeline")).put("id", pipelineId);
            jobs.add(job);
        }
        return jobs;
    }

    /** The distinct environments of the recorded deployments, each with a tier named after it. */
    static ArrayNode environments() {
        Map<Long, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode deployment : items("deployments/list.items")) {
            ObjectNode environment = deployment.get("environment").deepCopy();
            String name = environment.get("name").asText();
            environment.put("tier", name.equals("production") ? "production" : "staging").put("state", "available");
            byId.putIfAbsent(environment.get("id").asLong(), environment);
        }
        ArrayNode array = JSON.createArrayNode();
        byId.values().forEach(array::add);
        return array;
    }

    /** {@code updated_at}, else {@code created_at} (as GitLab orders items that have none). */
    static Instant updatedAt(JsonNode item) {
        JsonNode updated = item.get("updated_at");
        return OffsetDateTime.parse((updated == null || updated.isNull() ? item.get("created_at") : updated).asText())
                .toInstant();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A recorded response; its recorded {@code Link} targets moved under the prefix. */
    Reply recorded(String name) {
        Reply reply = Reply.of(Recordings.load("gitlab/" + name));
        String link = reply.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Link"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return link == null || prefix.isEmpty() ? reply
                : reply.with("Link", link.replace(ORIGIN + "/api/v4", ORIGIN + api));
    }

    /** The path and query of a recording's {@code rel="next"} link, e.g. {@code /api/v4/projects/1/issues?…&page=2}. */
    static String nextPath(String name) {
        String link = Recordings.load("gitlab/" + name).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Link")).map(Map.Entry::getValue).findFirst().orElseThrow();
        String next = link.substring(0, link.indexOf(">; rel=\"next\""));
        URI uri = URI.create(next.substring(next.lastIndexOf('<') + 1));
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** A last page in GitLab's offset shape, with the recorded rate-limit headers. */
    private static Reply lastPage(ArrayNode items) {
        Reply reply = json(items).with("X-Next-Page", "").with("X-Page", "2").with("X-Total-Pages", "2");
        for (Map.Entry<String, String> header : rateLimitHeaders().entrySet()) {
            reply = reply.with(header.getKey(), header.getValue());
        }
        return reply;
    }

    /** The {@code RateLimit-*} headers of a recorded GitLab page. */
    static Map<String, String> rateLimitHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        Recordings.load("gitlab/issues/list.page1").headers().forEach((name, value) -> {
            if (name.toLowerCase().startsWith("ratelimit-")) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    /** {@code recorded}'s members missing from {@code item} added to a copy of it. */
    private static ObjectNode listItem(JsonNode recorded, JsonNode item) {
        ObjectNode copy = item.deepCopy();
        recorded.properties().forEach(e -> {
            if (!copy.has(e.getKey())) {
                copy.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return copy;
    }

    static JsonNode single(String name) {
        return Recordings.json("gitlab/" + name);
    }

    static List<ObjectNode> items(String name) {
        List<ObjectNode> items = new ArrayList<>();
        Recordings.json("gitlab/" + name).forEach(item -> items.add((ObjectNode) item.deepCopy()));
        return items;
    }

    static Reply json(JsonNode node) {
        try {
            return Reply.json(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(ReplayServer.Request request) {
        String pathAndQuery = request.pathAndQuery();
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    private static Map<String, String> query(ReplayServer.Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        String pathAndQuery = request.pathAndQuery();
        int start = pathAndQuery.indexOf('?');
        if (start >= 0) {
            for (String param : pathAndQuery.substring(start + 1).split("&")) {
                int eq = param.indexOf('=');
                if (eq > 0) {
                    params.put(param.substring(0, eq), URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static String withPage(String url, int page) {
        return NextPageHeaderPagination.withPage(URI.create(url), "page", Integer.toString(page)).toString();
    }
}
