package io.devhealth.sync.provider.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A recorded JSON item with some members replaced by per-item values, rendered fast: the recording is serialized
 * once with placeholders, split at them, and every item is the segments joined with its values. Everything else stays
 * exactly as recorded, so generated items keep the real shape (nested users and repositories, links, nulls).
 */
public final class JsonTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> segments = new ArrayList<>();
    private final List<String> slots = new ArrayList<>();

    /**
     * @param recorded the recorded item
     * @param slots    slot name → JSON pointer of the member it replaces (e.g. {@code "/user/login"}); the member
     *                 must exist in the recording or its parent object must
     */
    public JsonTemplate(JsonNode recorded, Map<String, String> slots) {
        ObjectNode copy = recorded.deepCopy();
        slots.forEach((slot, pointer) -> {
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = cut == 0 ? copy : copy.at(pointer.substring(0, cut));
            if (!(parent instanceof ObjectNode object)) {
                throw new IllegalArgumentException("no object at " + pointer.substring(0, cut) + " in the recording");
            }
            object.put(pointer.substring(cut + 1), marker(slot));
        });
        String text;
        try {
            text = JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int from = 0;
        while (true) {
            int start = text.indexOf("\"@@", from);
            if (start < 0) {
                segments.add(text.substring(from));
                break;
            }
            int end = text.indexOf("@@\"", start + 3);
            segments.add(text.substring(from, start));
            this.slots.add(text.substring(start + 3, end));
            from = end + 3;
        }
        if (this.slots.size() != slots.size()) {
            throw new IllegalStateException("template has " + this.slots.size() + " of " + slots.size() + " slots");
        }
    }

    private static String marker(String slot) {
        return "@@" + slot + "@@";
    }

    /** Appends the item with {@code values} (raw JSON per slot: quote strings with {@link #string}). */
    public void render(StringBuilder out, Map<String, String> values) {
        for (int i = 0; i < slots.size(); i++) {
            out.append(segments.get(i));
            String value = values.get(slots.get(i));
            if (value == null) {
                throw new IllegalArgumentException("no value for slot " + slots.get(i));
            }
            out.append(value);
        }
        out.append(segments.getLast());
    }

    /** A JSON string literal. */
    public static String string(String value) {
        return value == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
