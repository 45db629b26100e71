package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.ProviderJson.text;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.RunProgress;

/**
 * What a run learns about a Jira site before reading issues: where its custom fields live (custom field ids differ per
 * site and are never hard-coded), each status's category, each issue type's untranslated name, and the time zone JQL
 * dates are read in.
 *
 * @param storyPointFields story-point fields, the team-managed "Story point estimate"
 *                         ({@value #STORY_POINTS_TYPE}) first, then number fields named "Story Points" or "Story point
 *                         estimate" (company-managed projects); an issue's first non-null value counts
 * @param sprintField      the sprint field ({@value #SPRINT_TYPE}), or {@code null} without Jira Software
 * @param epicLinkField    the epic-link field of company-managed projects ({@value #EPIC_LINK_TYPE}), or {@code null}
 * @param statusCategories status id → category key ({@code new}, {@code indeterminate}, {@code done})
 * @param typeNames        issue type id → its untranslated (English) name, for sites in another language
 * @param zone             the API user's time zone ({@code /myself}); JQL dates are read in it; {@code null} when
 *                         Jira named none or one this JVM does not know
 */
record JiraSite(List<String> storyPointFields, String sprintField, String epicLinkField,
        Map<String, String> statusCategories, Map<String, String> typeNames, ZoneId zone) {

    static final String STORY_POINTS_TYPE = "com.pyxis.greenhopper.jira:jsw-story-points";
    static final String SPRINT_TYPE = "com.pyxis.greenhopper.jira:gh-sprint";
    static final String EPIC_LINK_TYPE = "com.pyxis.greenhopper.jira:gh-epic-link";
    private static final List<String> STORY_POINT_NAMES = List.of("story points", "story point estimate");

    /** Reads {@code /field}, {@code /status}, {@code /issuetype} and {@code /myself}. */
    static JiraSite read(ApiClient client, RunProgress progress) throws InterruptedException {
        progress.reading("fields", client.api().baseUrl().getHost());
        JsonNode fields = ApiClient.array(client.get("/rest/api/3/field"), null);
        List<String> storyPoints = new ArrayList<>();
        List<String> namedStoryPoints = new ArrayList<>();
        String sprint = null;
        String epicLink = null;
        for (JsonNode field : fields) {
            String id = text(field, "id");
            String custom = text(field.get("schema"), "custom");
            if (id.isEmpty()) {
                continue;
            }
            if (STORY_POINTS_TYPE.equals(custom)) {
                storyPoints.add(id);
            } else if ("number".equals(text(field.get("schema"), "type"))
                    && STORY_POINT_NAMES.contains(text(field, "name").strip().toLowerCase(Locale.ROOT))) {
                namedStoryPoints.add(id);
            } else if (SPRINT_TYPE.equals(custom) && sprint == null) {
                sprint = id;
            } else if (EPIC_LINK_TYPE.equals(custom) && epicLink == null) {
                epicLink = id;
            }
        }
        storyPoints.addAll(namedStoryPoints);
        Map<String, String> categories = new HashMap<>();
        for (JsonNode status : ApiClient.array(client.get("/rest/api/3/status"), null)) {
            categories.put(text(status, "id"), text(status.get("statusCategory"), "key"));
        }
        Map<String, String> types = new HashMap<>();
        for (JsonNode type : ApiClient.array(client.get("/rest/api/3/issuetype"), null)) {
            String untranslated = text(type, "untranslatedName");
            types.put(text(type, "id"), untranslated.isEmpty() ? text(type, "name") : untranslated);
        }
        ZoneId zone = zone(text(ApiClient.json(client.get("/rest/api/3/myself")), "timeZone"));
        progress.fetched("fields", fields.size());
        return new JiraSite(List.copyOf(storyPoints), sprint, epicLink, Map.copyOf(categories), Map.copyOf(types),
                zone);
    }

    private static ZoneId zone(String id) {
        try {
            return id.isEmpty() ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * {@code since} as a JQL date ({@code "yyyy/MM/dd HH:mm"}, minute resolution, in the API user's time zone),
     * rounded down to the minute. Without a known zone it is written in UTC moved back 14 hours (the widest offset):
     * re-reading is harmless, missing an update is not.
     */
    String jqlDate(Instant since) {
        Instant bound = zone == null ? since.minus(Duration.ofHours(14)) : since;
        return JQL_DATE.format(bound.atZone(zone == null ? ZoneOffset.UTC : zone).truncatedTo(ChronoUnit.MINUTES));
    }

    private static final DateTimeFormatter JQL_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

    /** The fields a search asks for: what the rows need, and the discovered custom fields. */
    List<String> searchFields() {
        List<String> names = new ArrayList<>(List.of("summary", "issuetype", "status", "priority", "labels",
                "components", "created", "updated", "resolutiondate", "assignee", "reporter", "parent", "project"));
        names.addAll(storyPointFields);
        if (sprintField != null) {
            names.add(sprintField);
        }
        if (epicLinkField != null) {
            names.add(epicLinkField);
        }
        return names;
    }
}
