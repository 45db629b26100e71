package io.devhealth.analytics.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SequencedMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A read's rows as ClickHouse wrote them: one JSON array of objects (UTF-8), see
 * {@link ClickHouseQueries#jsonArray}. REST answers embed the bytes as they are; GraphQL reads them into records.
 */
public record JsonRows(byte[] array) {

    /** No rows. */
    public static final JsonRows EMPTY = new JsonRows(new byte[] { '[', ']' });

    /** Whether the array has no element: {@code []}, with any whitespace inside. */
    public boolean isEmpty() {
        for (int i = 1; i < array.length; i++) {
            if (!Character.isWhitespace(array[i])) {
                return array[i] == ']';
            }
        }
        return true;
    }

    /**
     * A JSON object of {@code members} (serialized by Jackson, in order) whose last member, {@code name}, is this
     * array, copied byte for byte: a REST answer's envelope around its series.
     */
    public byte[] asLastMemberOf(ObjectMapper json, SequencedMap<String, ?> members, String name) {
        try {
            byte[] head = json.writeValueAsBytes(members); // {...}: its closing brace is dropped
            byte[] member = ((members.isEmpty() ? "" : ",") + json.writeValueAsString(name) + ":")
                    .getBytes(StandardCharsets.UTF_8);
            int end = array.length;
            while (end > 0 && Character.isWhitespace(array[end - 1])) {
                end--;
            }
            // One array of the answer's exact size: a series can be most of a megabyte, and every extra copy of it
            // (a growing stream, then its toByteArray) is time the request waits.
            byte[] body = new byte[head.length - 1 + member.length + end + 1];
            System.arraycopy(head, 0, body, 0, head.length - 1);
            System.arraycopy(member, 0, body, head.length - 1, member.length);
            System.arraycopy(array, 0, body, head.length - 1 + member.length, end);
            body[body.length - 1] = '}';
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as records whose components are named like the columns (Jackson binds by name). */
    public <T> List<T> read(ObjectMapper json, Class<T> type) {
        try {
            return json.readValue(array, json.getTypeFactory().constructCollectionType(List.class, type));
        } catch (IOException e) {
            throw new UncheckedIOException("ClickHouse's JSON does not match " + type.getSimpleName(), e);
        }
    }
}
