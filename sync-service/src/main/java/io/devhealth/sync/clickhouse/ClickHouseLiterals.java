package io.devhealth.sync.clickhouse;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Values of query parameters as ClickHouse parses them: the Java client sends a parameter's text as is, and
 * ClickHouse reads it in the escaped (TabSeparated) form, so a string's backslashes, tabs and line breaks must be
 * escaped (unescaped, {@code a\b} arrives as {@code a} and a backspace, a tab fails the query), and an array must
 * be given in ClickHouse's literal syntax, strings quoted and escaped. The values still travel as parameters (never
 * spliced into SQL).
 */
public final class ClickHouseLiterals {

    private ClickHouseLiterals() {
    }

    /** A {@code String} parameter's value: backslash, tab, line feed and carriage return escaped. */
    public static String string(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** {@code ['a', 'it\\'s']}: each string single-quoted, backslashes and quotes escaped. */
    public static String stringArray(Collection<String> values) {
        return values.stream()
                .map(value -> "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code [1, 2]}. */
    public static String numberArray(Collection<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
