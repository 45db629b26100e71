package io.devhealth.analytics.query;

import java.io.ByteArrayOutputStream;
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
            byte[] head = json.writeValueAsBytes(members);
            ByteArrayOutputStream body = new ByteArrayOutputStream(head.length + name.length() + array.length + 8);
            body.write(head, 0, head.length - 1);
            if (!members.isEmpty()) {
                body.write(',');
            }
            body.write((json.writeValueAsString(name) + ":").getBytes(StandardCharsets.UTF_8));
            int end = array.length;
            while (end > 0 && Character.isWhitespace(array[end - 1])) {
                end--;
            }
            body.write(array, 0, end);
            body.write('}');
            return body.toByteArray();
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
