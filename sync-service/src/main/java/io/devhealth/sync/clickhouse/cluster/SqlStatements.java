package io.devhealth.sync.clickhouse.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse SQL text at the token level: string literals ({@code '…'} with {@code \'} or {@code ''} escapes),
 * quoted identifiers ({@code "…"}, {@code `…`}), {@code --} and block comments. Separators and parentheses inside
 * those never count.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    /** The statements of a script, split at top-level {@code ;}, blank (comment-only) ones dropped. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : splitTopLevel(script, ';')) {
            if (!stripComments(part).isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    /** {@code sql} without its comments (each replaced by a space); literals untouched. */
    static String stripComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                out.append(' ');
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new ClusterDdlException("unterminated comment in: " + sql);
                }
                i = end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = quotedEnd(sql, i);
                out.append(sql, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index of the {@code )} matching the {@code (} at {@code open}. */
    static int matchingParen(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = quotedEnd(sql, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new ClusterDdlException("unbalanced parentheses in: " + sql);
    }

    /** {@code sql} split at {@code separator} outside parentheses, literals and comments. */
    static List<String> splitTopLevel(String sql, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = quotedEnd(sql, i);
                continue;
            }
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                continue;
            }
            if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(sql.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        parts.add(sql.substring(start));
        return parts;
    }

    /** The column names of a CREATE TABLE's column list (without its parentheses), unquoted. */
    static List<String> columnNames(String columnList) {
        List<String> names = new ArrayList<>();
        for (String element : splitTopLevel(stripComments(columnList), ',')) {
            String e = element.strip();
            if (e.isEmpty()) {
                continue;
            }
            String first = e.split("\\s+", 2)[0];
            if (first.startsWith("`") || first.startsWith("\"")) {
                first = first.substring(1, first.length() - 1);
            }
            names.add(first);
        }
        return names;
    }

    /** Index just past the quoted token starting at {@code start}. */
    private static int quotedEnd(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new ClusterDdlException("unterminated " + quote + " in: " + sql);
    }
}
