package io.devhealth.cli.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code --json} and {@code --csv}, mixed into every command that prints data. The table (default) and CSV show
 * the same columns; JSON is the API's own answer, unchanged, so scripts see every field.
 */
public final class OutputOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV (RFC 4180, header row) instead of a table.")
    boolean csv;

    /**
     * Prints {@code rows} as the chosen format.
     *
     * @param answer the API's answer, printed as is with {@code --json}
     * @param rows   the rows of the table and the CSV
     */
    public void print(PrintWriter out, JsonNode answer, List<JsonNode> rows, List<Column> columns) {
        if (json && csv) {
            throw new CliException(ExitCode.USAGE, "--json and --csv are mutually exclusive");
        }
        if (json) {
            try {
                out.println(JSON.writeValueAsString(answer));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (csv) {
            out.println(String.join(",", columns.stream().map(c -> csvCell(c.header())).toList()));
            for (JsonNode row : rows) {
                out.println(String.join(",", columns.stream().map(c -> csvCell(cell(c, row))).toList()));
            }
        } else {
            table(out, rows, columns);
        }
        out.flush();
    }

    public boolean json() {
        return json;
    }

    public boolean csv() {
        return csv;
    }

    private static void table(PrintWriter out, List<JsonNode> rows, List<Column> columns) {
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).header().length();
        }
        for (JsonNode row : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                line[i] = cell(columns.get(i), row).replaceAll("[\\r\\n\\t]+", " ");
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        String[] header = columns.stream().map(Column::header).toArray(String[]::new);
        out.println(line(header, widths, columns));
        for (String[] line : cells) {
            out.println(line(line, widths, columns));
        }
    }

    private static String line(String[] cells, int[] widths, List<Column> columns) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            boolean last = i == cells.length - 1;
            if (columns.get(i).numeric()) {
                line.append(" ".repeat(widths[i] - cells[i].length())).append(cells[i]);
            } else {
                line.append(cells[i]).append(last ? "" : " ".repeat(widths[i] - cells[i].length()));
            }
        }
        return line.toString().stripTrailing();
    }

    /** A cell's text: empty for null, plain numbers (no exponent), arrays joined with spaces. */
    static String cell(Column column, JsonNode row) {
        JsonNode value = column.value().apply(row);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isFloatingPointNumber()) {
            return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : v.toString()));
            return String.join(" ", parts);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String csvCell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
