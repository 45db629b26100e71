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
        long fast = parseCommonTime(text);
        if (fast != NOT_COMMON) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, OFFSET_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw malformed(field, "is not an ISO-8601 timestamp: " + abbreviate(text));
        }
    }

    private static final long NOT_COMMON = Long.MIN_VALUE;

    /**
     * The shapes every provider writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM|±HHMM)}, decoded without
     * {@link java.time.format.DateTimeFormatter} (whose optional sections cost more than the rest of a Jira issue's
     * decoding); {@link #NOT_COMMON} for anything else, which the formatter then reads or refuses.
     */
    static long parseCommonTime(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return NOT_COMMON;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_COMMON;
        }
        int i = 19;
        int millis = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (t.charAt(i) - '0');
                }
                i++;
            }
            if (i == start || i - start > 9) {
                return NOT_COMMON;
            }
            for (int scale = i - start; scale < 3; scale++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            boolean colon = n - i == 6 && t.charAt(i + 3) == ':';
            if (!colon && n - i != 5) {
                return NOT_COMMON;
            }
            int offsetHours = digits(t, i + 1, 2);
            int offsetMinutes = digits(t, colon ? i + 4 : i + 3, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return NOT_COMMON;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return NOT_COMMON;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 86_400 + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000 + millis;
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}; −1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
            throw notAnObject();
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

    /** The failure of a list item that is not a JSON object. */
    public static ApiException notAnObject() {
        return new ApiException(ApiException.Kind.MALFORMED, 0, "the response holds a list item that is not a JSON "
                + "object");
    }

    public static ApiException malformed(String field, String problem) {
        return new ApiException(ApiException.Kind.MALFORMED, 0, "the response holds an item whose \"" + field + "\" "
                + problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
