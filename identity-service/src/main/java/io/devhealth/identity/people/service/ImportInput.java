package io.devhealth.identity.people.service;

import java.util.List;

/** What an import body holds: its rows, and the errors of rows that could not be read (wrong column count, NUL). */
record ImportInput(String format, List<ImportRow> rows, List<ImportReport.RowError> errors) {

    /** An import body's bounds: beyond them, 413. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_ROWS = 50_000;
}
