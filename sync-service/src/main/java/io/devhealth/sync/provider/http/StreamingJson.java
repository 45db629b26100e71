package io.devhealth.sync.provider.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Decoding a provider's JSON page straight from its tokens into the few values a row needs, without building a tree
 * (on a Jira search page, building the tree costs more than everything else the sync does with it). Handlers are
 * called with the parser on a member's first value token and must consume the whole value ({@link #skip} what they do
 * not read). Lenient as {@link ProviderJson} is: an absent or null member is empty, a value of another shape than
 * expected is skipped. A body that is not valid JSON, or is cut short, fails as {@link ApiClient#json} does.
 */
public final class StreamingJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamingJson() {
    }

    /** Reads one member's value; the parser is on the value's first token. */
    @FunctionalInterface
    public interface MemberReader {
        void member(String name, JsonParser parser) throws IOException;
    }

    /** Reads one array element; the parser is on the element's first token. */
    @FunctionalInterface
    public interface ElementReader {
        void element(JsonParser parser) throws IOException;
    }

    /** Decodes a response body whose top level {@code reader} reads. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * Decodes the response body with {@code reader}, the parser on the body's first token.
     *
     * @throws ApiException {@link ApiException.Kind#MALFORMED} naming the request when the body is not valid JSON, is
     *         cut short, or is empty
     */
    public static <T> T read(ApiResponse response, BodyReader<T> reader) {
        try (JsonParser parser = FACTORY.createParser(response.body())) {
            if (parser.nextToken() == null) {
                throw new IOException("empty body");
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return value;
        } catch (IOException e) {
            throw ApiClient.notJson(response, e);
        }
    }

    /**
     * Reads each member of the object the parser is on; {@code false} (value skipped) when it is not on an object.
     */
    public static boolean object(JsonParser parser, MemberReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skip(parser);
            return false;
        }
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            reader.member(name, parser);
        }
        return true;
    }

    /** Reads each element of the array the parser is on; {@code false} (value skipped) when it is not on an array. */
    public static boolean array(JsonParser parser, ElementReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            skip(parser);
            return false;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new IOException("end of input inside an array");
            }
            reader.element(parser);
        }
        return true;
    }

    /** Skips the value the parser is on (all of it, when an object or array). */
    public static void skip(JsonParser parser) throws IOException {
        parser.skipChildren();
    }

    /**
     * A scalar as text as {@link ProviderJson#text} reads it: numbers and booleans as written, {@code ""} for null and
     * for objects and arrays (skipped).
     */
    public static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (token.isStructStart()) {
            parser.skipChildren();
            return "";
        }
        return parser.getText();
    }

    /** A number (or a number written as text), {@code null} when the value is neither. */
    public static Double number(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isNumeric()) {
            return parser.getDoubleValue();
        }
        skip(parser);
        return null;
    }

    /** A whole number, {@code null} when the value is not one. */
    public static Long wholeNumber(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        skip(parser);
        return null;
    }

    /** A boolean, {@code null} when the value is not one. */
    public static Boolean bool(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        skip(parser);
        return null;
    }

    /** An array of strings (other elements skipped); empty when the value is not an array. */
    public static List<String> strings(JsonParser parser) throws IOException {
        List<String> values = new ArrayList<>();
        array(parser, element -> {
            String value = text(element);
            if (!value.isEmpty()) {
                values.add(value);
            }
        });
        return values;
    }

    /** The member {@code name} of the object the parser is on, as text; other members skipped. */
    public static String textMember(JsonParser parser, String name) throws IOException {
        String[] value = {""};
        object(parser, (member, p) -> {
            if (member.equals(name)) {
                value[0] = text(p);
            } else {
                skip(p);
            }
        });
        return value[0];
    }
}
