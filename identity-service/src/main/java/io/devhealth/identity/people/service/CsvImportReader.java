package io.devhealth.identity.people.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * Reads a CSV import body (RFC 4180, UTF-8, a header row; one identity per row) with Apache Commons CSV. Columns,
 * in any order, names case-insensitive: {@code person_key}, {@code display_name}, {@code provider},
 * {@code external_id} (required); {@code email} (the person's primary email) and {@code identity_name} (e.g. a git
 * author name) optional. A row with empty provider and external_id states only the person. A file that cannot be
 * parsed (an unterminated quote, a bad header) is a 400; a row with the wrong number of values, NUL characters or
 * unpaired surrogates is a row error.
 */
final class CsvImportReader {

    static final List<String> REQUIRED = List.of("person_key", "display_name", "provider", "external_id");
    static final List<String> OPTIONAL = List.of("email", "identity_name");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private CsvImportReader() {
    }

    static ImportInput read(byte[] body) {
        String text = decode(body);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            Map<String, Integer> columns = columns(parser.getHeaderNames());
            List<ImportRow> rows = new ArrayList<>();
            List<ImportReport.RowError> errors = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            long linesBefore = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int line = (int) linesBefore + 1;
                linesBefore = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (rows.size() + errors.size() >= ImportInput.MAX_ROWS) {
                    throw ProblemException.contentTooLarge("an import holds at most " + ImportInput.MAX_ROWS + " rows");
                }
                row(record, line, columns, errors).ifPresent(rows::add);
            }
            return new ImportInput("csv", rows, errors);
        } catch (UncheckedIOException | IOException malformed) {
            throw ProblemException.badRequest("the body is not valid CSV: " + message(malformed));
        } catch (IllegalArgumentException | IllegalStateException badHeader) {
            throw ProblemException.badRequest("the CSV header is invalid: " + badHeader.getMessage());
        }
    }

    private static Optional<ImportRow> row(CSVRecord record, int line, Map<String, Integer> columns,
            List<ImportReport.RowError> errors) {
        if (record.size() != columns.size()) {
            errors.add(new ImportReport.RowError(line, "columns",
                    "has " + record.size() + " values; the header has " + columns.size()));
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        boolean readable = true;
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            String value = record.get(column.getValue());
            String problem = Text.problem(value).orElse(null);
            if (problem != null) {
                errors.add(new ImportReport.RowError(line, column.getKey(), problem));
                readable = false;
            }
            String stripped = Text.strip(value);
            values.put(column.getKey(), stripped.isEmpty() ? null : stripped);
        }
        if (!readable) {
            return Optional.empty();
        }
        return Optional.of(new ImportRow(line, null, null, values.get("person_key"),
                values.get("display_name"), values.get("email"), values.get("provider"), values.get("external_id"),
                values.get("identity_name"), null));
    }

    /** The header's columns (lower-cased) and their positions; 400 for a missing, unknown or empty header. */
    private static Map<String, Integer> columns(List<String> header) {
        if (header.isEmpty()) {
            throw ProblemException.badRequest("the CSV body needs a header row: " + String.join(",", REQUIRED));
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = Text.strip(header.get(i)).toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw ProblemException.badRequest("the CSV header names an unknown column '" + name
                        + "'; the columns are " + String.join(", ", REQUIRED) + " and optionally "
                        + String.join(", ", OPTIONAL));
            }
            if (columns.put(name, i) != null) {
                throw ProblemException.badRequest("the CSV header names column '" + name + "' twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("the CSV header lacks the column(s) " + String.join(", ", missing));
        }
        return columns;
    }

    /** The body as UTF-8 text without a byte order mark; 400 when it is not UTF-8. */
    private static String decode(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\ufeff") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            throw ProblemException.badRequest("the CSV body is not valid UTF-8");
        }
    }

    private static String message(Exception malformed) {
        Throwable cause = malformed instanceof UncheckedIOException unchecked ? unchecked.getCause() : malformed;
        return cause.getMessage();
    }
}
