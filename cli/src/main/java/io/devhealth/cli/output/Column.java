package io.devhealth.cli.output;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One column of a table or CSV: its header and how to read the cell from a row of the API's answer.
 *
 * @param numeric right-aligned in tables
 */
public record Column(String header, Function<JsonNode, JsonNode> value, boolean numeric) {

    /** The row's field {@code field} (a dotted path reads nested objects: {@code counts.commits}). */
    public static Column field(String header, String field) {
        return new Column(header, row -> at(row, field), false);
    }

    public static Column number(String header, String field) {
        return new Column(header, row -> at(row, field), true);
    }

    private static JsonNode at(JsonNode row, String path) {
        JsonNode node = row;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }
}
