package io.devhealth.identity.setting.service;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.identity.input.JsonInput;
import io.devhealth.identity.input.LocalPaths;
import io.devhealth.support.problem.ProblemException;

/**
 * The settings an organization may set: each key's JSON shape (checked and normalized by {@link #validate}) and
 * its default, which applies while the organization has not set the key. The value's violations are named from
 * {@code value}, the request member that carries it.
 */
public enum KnownSetting {

    /** {@code "Europe/Berlin"}: the IANA time zone whose midnight starts the organization's daily buckets. */
    TIMEZONE("timezone", "\"UTC\"") {
        @Override
        JsonNode read(JsonNode value) {
            String zone = JsonInput.text(value, VALUE, 64);
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                throw ProblemException.invalidField(VALUE, "must be an IANA time zone id, e.g. Europe/Berlin or UTC");
            }
            return JSON.textNode(zone);
        }
    },

    /**
     * {@code ["production", "prod-*"]}: deployment environments that count as production for DORA metrics;
     * case-insensitive, {@code *} matches any characters. 1–50 names of at most 100 characters.
     */
    DORA_PRODUCTION_ENVIRONMENTS("dora.production-environments", "[\"production\", \"prod\"]") {
        @Override
        JsonNode read(JsonNode value) {
            return strings(JsonInput.texts(value, VALUE, 1, 50, 100));
        }
    },

    /**
     * What marks a deployment as a hotfix (unplanned rework, DORA 2024): {@code {"refPatterns": ["hotfix/*"],
     * "pullRequestLabels": ["hotfix"]}}. Globs over the deployment's ref (branch or tag; case-insensitive, {@code *}
     * matching any characters) and labels of the pull/merge requests it shipped (case-insensitive). Each list 0–100
     * entries of 1–200 characters; a member left out takes its default.
     */
    DORA_HOTFIX("dora.hotfix", "{\"refPatterns\": [\"hotfix\", \"hotfix/*\", \"hotfix-*\", \"hotfix_*\", \"*/hotfix\","
            + " \"*/hotfix/*\", \"*/hotfix-*\", \"*/hotfix_*\"], \"pullRequestLabels\": [\"hotfix\"]}") {
        private static final List<String> LISTS = List.of("refPatterns", "pullRequestLabels");

        @Override
        JsonNode read(JsonNode value) {
            ObjectNode rules = JsonInput.object(value, VALUE, Set.copyOf(LISTS));
            ObjectNode defaults = (ObjectNode) defaultValue();
            ObjectNode normalized = JSON.objectNode();
            for (String list : LISTS) {
                JsonNode given = rules.get(list);
                normalized.set(list, JsonInput.absent(given) ? defaults.get(list)
                        : strings(JsonInput.texts(given, JsonInput.member(VALUE, list), 0, 100, 200)));
            }
            return normalized;
        }
    },

    /**
     * What counts as an incident: {@code {"issueLabels": ["incident"], "jiraIssueTypes": ["Incident"],
     * "jiraLabels": [], "pagerDutyServiceIds": []}}. GitHub and GitLab issues with one of the labels, Jira issues
     * of one of the types or with one of the labels, and PagerDuty incidents of the services (none listed: every
     * service). Each list 0–100 entries of at most 200 characters; a member left out is an empty list.
     */
    INCIDENTS_RULES("incidents.rules",
            "{\"issueLabels\": [\"incident\"], \"jiraIssueTypes\": [\"Incident\"], \"jiraLabels\": [],"
                    + " \"pagerDutyServiceIds\": []}") {
        private static final List<String> LISTS = List.of("issueLabels", "jiraIssueTypes", "jiraLabels",
                "pagerDutyServiceIds");
        private static final Pattern PAGERDUTY_ID = Pattern.compile("[A-Z0-9]{2,32}");

        @Override
        JsonNode read(JsonNode value) {
            ObjectNode rules = JsonInput.object(value, VALUE, Set.copyOf(LISTS));
            ObjectNode normalized = JSON.objectNode();
            for (String list : LISTS) {
                JsonNode given = rules.get(list);
                String field = JsonInput.member(VALUE, list);
                normalized.set(list, JsonInput.absent(given) ? JSON.arrayNode()
                        : list.equals("pagerDutyServiceIds")
                                ? strings(JsonInput.array(given, field, 0, 100,
                                        (id, path) -> JsonInput.text(id, path, 32, PAGERDUTY_ID,
                                                "a PagerDuty service id such as PABC123"),
                                        Function.identity()))
                                : strings(JsonInput.texts(given, field, 0, 100, 200)));
            }
            return normalized;
        }
    },

    /**
     * Where PagerDuty services belong: {@code {"PABC123": {"repositories": ["acme/api"], "teams": ["payments"]}}}.
     * 0–500 services by PagerDuty service id, each with 0–100 repositories (full names as the code hosts name them,
     * {@code owner/name} or GitLab's {@code group/sub/project}; the sync resolves them to the synced repositories) and
     * 0–100 team keys; a member left out is an empty list. The sync stores the repositories and teams on each
     * incident of the service.
     */
    PAGERDUTY_SERVICES("pagerduty.services", "{}") {
        private static final int MAX_SERVICES = 500;
        private static final Pattern PAGERDUTY_ID = Pattern.compile("[A-Z0-9]{2,32}");
        private static final Pattern FULL_NAME = Pattern.compile(
                "[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+");
        private static final Pattern TEAM_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

        @Override
        JsonNode read(JsonNode value) {
            if (value == null || !value.isObject()) {
                throw ProblemException.invalidField(VALUE, "must be a JSON object of PagerDuty service ids");
            }
            if (value.size() > MAX_SERVICES) {
                throw ProblemException.invalidField(VALUE, "must have at most " + MAX_SERVICES + " services");
            }
            ObjectNode normalized = JSON.objectNode();
            for (var service : value.properties()) {
                String field = JsonInput.member(VALUE, service.getKey());
                String id = JsonInput.text(JSON.textNode(service.getKey()), field, 32, PAGERDUTY_ID,
                        "keyed by PagerDuty service ids such as PABC123");
                if (normalized.has(id)) {
                    throw ProblemException.invalidField(field, "duplicate of an earlier service");
                }
                ObjectNode mapping = JsonInput.object(service.getValue(), field, Set.of("repositories", "teams"));
                ObjectNode read = JSON.objectNode();
                read.set("repositories", list(mapping.get("repositories"), JsonInput.member(field, "repositories"),
                        255, FULL_NAME, "a repository full name such as acme/api"));
                read.set("teams", list(mapping.get("teams"), JsonInput.member(field, "teams"), 100, TEAM_KEY,
                        "a team key such as payments"));
                normalized.set(id, read);
            }
            return normalized;
        }

        private static JsonNode list(JsonNode given, String field, int maxLength, Pattern pattern, String shape) {
            if (JsonInput.absent(given)) {
                return JSON.arrayNode();
            }
            return strings(JsonInput.array(given, field, 0, 100,
                    (element, path) -> JsonInput.text(element, path, maxLength, pattern, shape),
                    text -> text.toLowerCase(java.util.Locale.ROOT)));
        }
    },

    /**
     * Working time: {@code {"days": [1, 2, 3, 4, 5], "hours": {"start": "09:00", "end": "17:00"},
     * "holidays": ["2026-12-25"]}}. ISO days of the week (1 = Monday … 7 = Sunday), local working hours
     * ({@code HH:mm}, start before end, in the organization's time zone) and up to 1,000 ISO dates; a member left
     * out takes its default.
     */
    CALENDAR_WORKING("calendar.working",
            "{\"days\": [1, 2, 3, 4, 5], \"hours\": {\"start\": \"09:00\", \"end\": \"17:00\"}, \"holidays\": []}") {
        @Override
        JsonNode read(JsonNode value) {
            ObjectNode calendar = JsonInput.object(value, VALUE, Set.of("days", "hours", "holidays"));
            ObjectNode defaults = (ObjectNode) defaultValue();
            ObjectNode normalized = JSON.objectNode();
            normalized.set("days", JsonInput.absent(calendar.get("days")) ? defaults.get("days")
                    : days(calendar.get("days"), JsonInput.member(VALUE, "days")));
            normalized.set("hours", JsonInput.absent(calendar.get("hours")) ? defaults.get("hours")
                    : hours(calendar.get("hours"), JsonInput.member(VALUE, "hours")));
            normalized.set("holidays", JsonInput.absent(calendar.get("holidays")) ? defaults.get("holidays")
                    : holidays(calendar.get("holidays"), JsonInput.member(VALUE, "holidays")));
            return normalized;
        }

        private static JsonNode days(JsonNode days, String field) {
            List<Integer> read = JsonInput.array(days, field, 1, 7,
                    (day, path) -> JsonInput.integer(day, path, 1, 7), Function.identity());
            ArrayNode sorted = JSON.arrayNode();
            read.stream().sorted().forEach(sorted::add);
            return sorted;
        }

        private static JsonNode hours(JsonNode hours, String field) {
            ObjectNode given = JsonInput.object(hours, field, Set.of("start", "end"));
            LocalTime start = time(given.get("start"), JsonInput.member(field, "start"));
            LocalTime end = time(given.get("end"), JsonInput.member(field, "end"));
            if (!start.isBefore(end)) {
                throw ProblemException.invalidField(JsonInput.member(field, "end"), "must be after start");
            }
            return JSON.objectNode().put("start", start.toString()).put("end", end.toString());
        }

        private static LocalTime time(JsonNode time, String field) {
            String text = JsonInput.text(time, field, 5, Pattern.compile("\\d{2}:\\d{2}"), "a time as HH:mm");
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(field, "must be a time as HH:mm");
            }
        }

        private static JsonNode holidays(JsonNode holidays, String field) {
            List<LocalDate> dates = JsonInput.array(holidays, field, 0, 1000, (date, path) -> {
                String text = JsonInput.text(date, path, 10);
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw ProblemException.invalidField(path, "must be an ISO date such as 2026-12-25");
                }
            }, Function.identity());
            ArrayNode sorted = JSON.arrayNode();
            dates.stream().sorted().map(LocalDate::toString).forEach(sorted::add);
            return sorted;
        }
    },

    /**
     * {@code ["/srv/git/acme"]}: absolute directories under which this organization's git sync configurations
     * may point (0–50 paths; none by default, so local repositories need an admin's explicit grant). A
     * repository path must also lie under the sync hosts' own roots ({@code devhealth.sync.local-roots}).
     */
    REPOSITORIES_LOCAL_ROOTS("repositories.local-roots", "[]") {
        @Override
        JsonNode read(JsonNode value) {
            List<Path> roots = JsonInput.array(value, VALUE, 0, 50,
                    (root, path) -> LocalPaths.normalize(JsonInput.text(root, path, LocalPaths.MAX_LENGTH), path),
                    Function.identity());
            return strings(roots.stream().map(Path::toString).toList());
        }
    };

    /** The request member that carries a setting's value; its violations are named from it. */
    static final String VALUE = "value";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String key;
    private final JsonNode defaultValue;

    KnownSetting(String key, String defaultJson) {
        this.key = key;
        this.defaultValue = SettingJson.parse(defaultJson);
    }

    /** The key as stored and used in URLs, e.g. {@code dora.production-environments}. */
    public String key() {
        return key;
    }

    /** The value that applies while an organization has not set this key (a copy: callers may change it). */
    public JsonNode defaultValue() {
        return defaultValue.deepCopy();
    }

    /** {@code value} checked against this key's shape and normalized (stripped, sorted where order is moot). */
    public JsonNode validate(JsonNode value) {
        if (JsonInput.absent(value)) {
            throw ProblemException.invalidField(VALUE, "required");
        }
        return read(value);
    }

    abstract JsonNode read(JsonNode value);

    /** The known setting with this key. */
    public static Optional<KnownSetting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
