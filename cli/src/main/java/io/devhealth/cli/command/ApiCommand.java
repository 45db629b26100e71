package io.devhealth.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.output.Column;
import io.devhealth.cli.output.OutputOptions;
import picocli.CommandLine.Mixin;

/** A command that calls the API with the saved session and prints what it got (table, {@code --json}, {@code --csv}). */
abstract class ApiCommand implements Callable<Integer> {

    protected final Terminal terminal;

    @Mixin
    protected OutputOptions output;

    ApiCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    protected ApiClient api() {
        return terminal.api();
    }

    /** Prints {@code answer}: its {@code items} (or the answer itself when it is an array, or one object) as rows. */
    protected void print(JsonNode answer, List<Column> columns) {
        output.print(terminal.out(), answer, rows(answer), columns);
    }

    static List<JsonNode> rows(JsonNode answer) {
        JsonNode items = answer.isArray() ? answer : answer.has("items") ? answer.get("items") : null;
        List<JsonNode> rows = new ArrayList<>();
        if (items == null) {
            rows.add(answer);
        } else {
            items.forEach(rows::add);
        }
        return rows;
    }

    static String path(String template, String... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = ApiClient.segment(segments[i]);
        }
        return template.formatted(encoded);
    }
}
