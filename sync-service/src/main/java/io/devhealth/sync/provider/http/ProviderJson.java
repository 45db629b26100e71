package io.devhealth.sync.provider.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading a provider's JSON (GitHub, GitLab, …): optional members read as empty/null, required ones (ids, the
 * timestamps the cursor depends on) fail the run with a {@link ApiException.Kind#MALFORMED} message naming the member.
 * Timestamps are ISO-8601 with {@code Z} or an offset, with or without its colon (Jira:
 * {@code 2021-03-28T16:06:08.713+0800}); counts may come as text ({@code "1000+"}).
 */
public final class ProviderJson {

    private ProviderJson() {
    }

    /** A string member, {@code ""} when absent or null. Numbers are given as text (ids). */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    /** A member of a nested object, e.g. {@code text(pr, "head", "sha")}. */
    public static String text(JsonNode node, String object, String field) {
        return text(node == null ? null : node.get(object), field);
    }

    /** The first non-empty of several members. */
    public static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    public static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isTextual()) {
            String digits = value.asText().replaceAll("[^0-9]", ""); // changes_count: "12" or "1000+"
            return digits.isEmpty() || digits.length() > 18 ? 0 : Long.parseLong(digits);
        }
        return value != null && value.canConvertToLong() ? value.asLong() : 0;
    }

    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.asBoolean(false);
    }

    /** The numeric id of a user member ({@code user}, {@code author}, …) as text; {@code ""} when absent. */
    public static String userId(JsonNode node, String userField) {
        return text(node, userField, "id");
    }

    /** A timestamp member as epoch milliseconds, {@code null} when absent or null. */
    public static Long time(JsonNode node, String field) {
        String text = text(node, field);
        if (text.isEmpty()) {
            return null;
        }
        return parseTime(text, field);
    }

    /**
     * An ISO-8601 timestamp as epoch milliseconds.
     *
     * @throws ApiException {@link ApiException.Kind#MALFORMED} naming {@code field} when it is not one
     */
    public static long parseTime(String text, String field) {
        try {
            return OffsetDateTime.parse(text, OFFSET_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw malformed(field, "is not an ISO-8601 timestamp: " + abbreviate(text));
        }
    }

    /** ISO_OFFSET_DATE_TIME that also takes an offset without a colon ({@code +0800}). */
    private static final java.time.format.DateTimeFormatter OFFSET_TIME = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    public static long requiredTime(JsonNode node, String field) {
        Long time = time(node, field);
        if (time == null) {
            throw malformed(field, "is missing");
        }
        return time;
    }

    public static long requiredNumber(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw malformed(field, "is missing or not a number");
        }
        return value.asLong();
    }

    public static JsonNode requiredObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiException.Kind.MALFORMED, 0, "the response holds a list item that is not a JSON "
                    + "object");
        }
        return node;
    }

    /** Label names of {@code labels} (plain strings, or objects with {@code name} under with_labels_details). */
    public static List<String> labels(JsonNode node) {
        List<String> names = new ArrayList<>();
        JsonNode labels = node == null ? null : node.get("labels");
        if (labels != null && labels.isArray()) {
            for (JsonNode label : labels) {
                String name = label.isTextual() ? label.asText() : text(label, "name");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    public static ApiException malformed(String field, String problem) {
        return new ApiException(ApiException.Kind.MALFORMED, 0, "the response holds an item whose \"" + field + "\" "
                + problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
