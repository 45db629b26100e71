package io.devhealth.identity.sync.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.identity.input.JsonInput;
import io.devhealth.identity.input.LocalPaths;
import io.devhealth.support.problem.ProblemException;

/**
 * Checks and normalizes a sync configuration's provider options before they are stored, one shape per provider;
 * unknown options are refused and every failure is a 422 naming the option ({@code options.repos[1]}). Only
 * shapes: whether a repository exists or a site answers is found out by the run itself, so it shows in the run.
 * <ul>
 * <li>{@code git}: {@code repositoryPath}, an absolute path (see {@link LocalRepositoryPolicy} for where);</li>
 * <li>{@code github}: {@code owner} and {@code repos} (names), or {@code org} (all its repositories); optional
 * {@code apiUrl} (GitHub Enterprise Server) and {@code gitHistory} (boolean, default true: also clone the repositories
 * and sync their commits);</li>
 * <li>{@code gitlab}: {@code groups} and/or {@code projects}, numeric ids or full paths; optional {@code baseUrl} and
 * {@code gitHistory} (as GitHub's);</li>
 * <li>{@code jira}: {@code siteUrl} and either {@code projectKeys} or {@code jql};</li>
 * <li>{@code pagerduty}: optional {@code serviceIds} (none: every service) and {@code baseUrl} (the API root, e.g.
 * {@code https://api.eu.pagerduty.com} for the EU service region; default {@code https://api.pagerduty.com}).</li>
 * </ul>
 */
final class ProviderOptions {

    static final String GIT = "git";
    static final String REPOSITORY_PATH = "repositoryPath";
    private static final String FIELD = "options";
    private static final int MAX_ITEMS = 500;
    private static final int MAX_URL_LENGTH = 2000;
    private static final Pattern GITHUB_LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern GITHUB_REPO = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");
    private static final Pattern GITLAB_PATH = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*");
    private static final Pattern JIRA_PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,254}");
    private static final Pattern PAGERDUTY_ID = Pattern.compile("[A-Z0-9]{2,32}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProviderOptions() {
    }

    /** The options checked against {@code provider}'s shape and normalized (strings stripped, paths normalized). */
    static Map<String, Object> validate(String provider, Map<String, Object> options) {
        JsonNode given = MAPPER.valueToTree(options);
        ObjectNode normalized = switch (provider) {
            case GIT -> git(given);
            case "github" -> github(given);
            case "gitlab" -> gitlab(given);
            case "jira" -> jira(given);
            case "pagerduty" -> pagerDuty(given);
            default -> throw ProblemException.invalidField("provider",
                    "must be one of git, github, gitlab, jira, pagerduty");
        };
        return MAPPER.convertValue(normalized, new TypeReference<Map<String, Object>>() {
        });
    }

    /** The repository path of normalized git options. */
    static Path gitRepositoryPath(Map<String, Object> options) {
        return Path.of((String) options.get(REPOSITORY_PATH));
    }

    private static ObjectNode git(JsonNode given) {
        ObjectNode options = JsonInput.object(given, FIELD, Set.of(REPOSITORY_PATH));
        String field = field(REPOSITORY_PATH);
        if (JsonInput.absent(options.get(REPOSITORY_PATH))) {
            throw ProblemException.invalidField(field, "required: the absolute path of a git repository");
        }
        String raw = JsonInput.text(options.get(REPOSITORY_PATH), field, LocalPaths.MAX_LENGTH);
        return JSON.objectNode().put(REPOSITORY_PATH, LocalPaths.normalize(raw, field).toString());
    }

    private static ObjectNode github(JsonNode given) {
        ObjectNode options = JsonInput.object(given, FIELD, Set.of("owner", "repos", "org", "apiUrl",
                "gitHistory"));
        boolean byOwner = present(options, "owner");
        if (byOwner == present(options, "org")) {
            throw ProblemException.invalidField(field("owner"), "give either owner with repos, or org");
        }
        ObjectNode normalized = JSON.objectNode();
        if (byOwner) {
            normalized.put("owner", JsonInput.text(options.get("owner"), field("owner"), 39, GITHUB_LOGIN,
                    "a GitHub user or organization login"));
            if (!present(options, "repos")) {
                throw ProblemException.invalidField(field("repos"), "required with owner: repository names");
            }
            normalized.set("repos", strings(JsonInput.array(options.get("repos"), field("repos"), 1, MAX_ITEMS,
                    (repo, path) -> JsonInput.text(repo, path, 100, GITHUB_REPO, "a repository name"),
                    name -> name.toLowerCase(Locale.ROOT))));
        } else {
            if (present(options, "repos")) {
                throw ProblemException.invalidField(field("repos"), "only with owner; org syncs all its repositories");
            }
            normalized.put("org", JsonInput.text(options.get("org"), field("org"), 39, GITHUB_LOGIN,
                    "a GitHub organization login"));
        }
        optionalUrl(options, normalized, "apiUrl");
        optionalBoolean(options, normalized, "gitHistory");
        return normalized;
    }

    private static ObjectNode gitlab(JsonNode given) {
        ObjectNode options = JsonInput.object(given, FIELD, Set.of("groups", "projects", "baseUrl", "gitHistory"));
        if (!present(options, "groups") && !present(options, "projects")) {
            throw ProblemException.invalidField(field("groups"), "give groups, projects or both");
        }
        ObjectNode normalized = JSON.objectNode();
        for (String list : List.of("groups", "projects")) {
            if (present(options, list)) {
                normalized.set(list, gitlabReferences(options.get(list), field(list)));
            }
        }
        optionalUrl(options, normalized, "baseUrl");
        optionalBoolean(options, normalized, "gitHistory");
        return normalized;
    }

    /** GitLab groups or projects: numeric ids or full paths such as {@code acme/platform/api}. */
    private static ArrayNode gitlabReferences(JsonNode given, String field) {
        List<JsonNode> references = JsonInput.array(given, field, 1, MAX_ITEMS, (reference, path) -> {
            if (reference != null && reference.isIntegralNumber()) {
                if (!reference.canConvertToLong() || reference.longValue() < 1) {
                    throw ProblemException.invalidField(path, "must be a positive id or a full path");
                }
                return JSON.numberNode(reference.longValue());
            }
            if (reference == null || !reference.isTextual()) {
                throw ProblemException.invalidField(path, "must be a positive id or a full path");
            }
            return JSON.textNode(JsonInput.text(reference, path, 255, GITLAB_PATH, "a positive id or a full path "
                    + "such as acme/platform/api"));
        }, reference -> reference.asText().toLowerCase(Locale.ROOT));
        ArrayNode array = JSON.arrayNode();
        references.forEach(array::add);
        return array;
    }

    private static ObjectNode jira(JsonNode given) {
        ObjectNode options = JsonInput.object(given, FIELD, Set.of("siteUrl", "projectKeys", "jql"));
        if (!present(options, "siteUrl")) {
            throw ProblemException.invalidField(field("siteUrl"), "required: the Jira site, e.g. https://acme.atlassian.net");
        }
        ObjectNode normalized = JSON.objectNode().put("siteUrl", url(options.get("siteUrl"), field("siteUrl")));
        boolean byKeys = present(options, "projectKeys");
        if (byKeys == present(options, "jql")) {
            throw ProblemException.invalidField(field("projectKeys"), "give either projectKeys or jql");
        }
        if (byKeys) {
            normalized.set("projectKeys", strings(JsonInput.array(options.get("projectKeys"), field("projectKeys"),
                    1, MAX_ITEMS, (key, path) -> JsonInput.text(key, path, 255, JIRA_PROJECT_KEY,
                            "a Jira project key such as PAY"), Function.identity())));
        } else {
            normalized.put("jql", JsonInput.text(options.get("jql"), field("jql"), 4000));
        }
        return normalized;
    }

    private static ObjectNode pagerDuty(JsonNode given) {
        ObjectNode options = JsonInput.object(given, FIELD, Set.of("serviceIds", "baseUrl"));
        ObjectNode normalized = JSON.objectNode();
        if (present(options, "serviceIds")) {
            normalized.set("serviceIds", strings(JsonInput.array(options.get("serviceIds"), field("serviceIds"), 0,
                    MAX_ITEMS, (id, path) -> JsonInput.text(id, path, 32, PAGERDUTY_ID,
                            "a PagerDuty service id such as PABC123"), Function.identity())));
        }
        optionalUrl(options, normalized, "baseUrl");
        return normalized;
    }

    private static void optionalBoolean(ObjectNode options, ObjectNode normalized, String name) {
        if (present(options, name)) {
            if (!options.get(name).isBoolean()) {
                throw ProblemException.invalidField(field(name), "must be true or false");
            }
            normalized.put(name, options.get(name).booleanValue());
        }
    }

    private static void optionalUrl(ObjectNode options, ObjectNode normalized, String name) {
        if (present(options, name)) {
            normalized.put(name, url(options.get(name), field(name)));
        }
    }

    /** An absolute http(s) URL without credentials, query or fragment; a trailing slash is dropped. */
    private static String url(JsonNode given, String field) {
        String text = JsonInput.text(given, field, MAX_URL_LENGTH);
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.invalidField(field, "must be an http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ProblemException.invalidField(field, "must be an http(s) URL with a host and no credentials, query "
                    + "or fragment");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean present(ObjectNode options, String name) {
        return !JsonInput.absent(options.get(name));
    }

    private static String field(String option) {
        return JsonInput.member(FIELD, option);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
