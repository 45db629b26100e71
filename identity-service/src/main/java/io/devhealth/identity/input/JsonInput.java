package io.devhealth.identity.input;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * Checks of free-form JSON input (setting values, provider options), which {@link io.devhealth.support.text.CleanText}
 * does not reach: types, counts, lengths and text hygiene, each failure a 422 {@code validation} problem naming the
 * field by its JSON path (e.g. {@code value.issueLabels[2]}). Strings come back stripped of Unicode white space.
 */
public final class JsonInput {

    private JsonInput() {
    }

    /** The object at {@code field}, refusing members other than {@code known}. */
    public static ObjectNode object(JsonNode node, String field, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw ProblemException.invalidField(field, "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ProblemException.invalidField(member(field, name), "unknown field; known: " + sorted(known));
            }
        }
        return (ObjectNode) node;
    }

    /** A non-blank string of at most {@code maxLength} characters, stripped; NUL and unpaired surrogates refused. */
    public static String text(JsonNode node, String field, int maxLength) {
        if (node == null || !node.isTextual()) {
            throw ProblemException.invalidField(field, "must be a string");
        }
        String value = node.textValue();
        Text.problem(value).ifPresent(problem -> {
            throw ProblemException.invalidField(field, problem);
        });
        String stripped = Text.strip(value);
        if (stripped.isEmpty()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        if (stripped.length() > maxLength) {
            throw ProblemException.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return stripped;
    }

    /** {@link #text} that must also match {@code pattern}; {@code shape} says what it should look like. */
    public static String text(JsonNode node, String field, int maxLength, Pattern pattern, String shape) {
        String value = text(node, field, maxLength);
        if (!pattern.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "must be " + shape);
        }
        return value;
    }

    /**
     * An array of {@code minItems}–{@code maxItems} elements read by {@code element} (given each element and its
     * path); elements equal after {@code identity} (e.g. lower-cased) are refused as duplicates.
     */
    public static <T> List<T> array(JsonNode node, String field, int minItems, int maxItems,
            ElementReader<T> element, Function<? super T, ?> identity) {
        if (node == null || !node.isArray()) {
            throw ProblemException.invalidField(field, "must be a JSON array");
        }
        if (node.size() < minItems || node.size() > maxItems) {
            throw ProblemException.invalidField(field, minItems == 0
                    ? "must have at most " + maxItems + " elements"
                    : "must have " + minItems + " to " + maxItems + " elements");
        }
        List<T> values = new ArrayList<>(node.size());
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            T value = element.read(node.get(i), path);
            if (!seen.add(identity.apply(value))) {
                throw ProblemException.invalidField(path, "duplicate of an earlier element");
            }
            values.add(value);
        }
        return values;
    }

    /** An array of strings, each read by {@link #text(JsonNode, String, int)}; duplicates ignoring case refused. */
    public static List<String> texts(JsonNode node, String field, int minItems, int maxItems, int maxLength) {
        return array(node, field, minItems, maxItems, (element, path) -> text(element, path, maxLength),
                value -> value.toLowerCase(Locale.ROOT));
    }

    /** An integer between {@code min} and {@code max}. */
    public static int integer(JsonNode node, String field, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()
                || node.intValue() < min || node.intValue() > max) {
            throw ProblemException.invalidField(field, "must be an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    /** Whether the member is absent or JSON null. */
    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The path of member {@code name} of the object at {@code field}. */
    public static String member(String field, String name) {
        return field.isEmpty() ? name : field + "." + name;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    /** Reads one array element at {@code path}, failing with a 422 naming it. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(JsonNode element, String path);
    }
}
