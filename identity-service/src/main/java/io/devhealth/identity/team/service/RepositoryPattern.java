package io.devhealth.identity.team.service;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A team's glob over repository full names ({@code owner/name} on GitHub, {@code group/subgroup/project} on
 * GitLab), matched case-insensitively against the whole name. The syntax, checked when a team is saved:
 * <ul>
 * <li>segments separated by {@code /}; none empty, no {@code /} at either end;</li>
 * <li>{@code *}: any characters within one segment; {@code ?}: one character (never {@code /});</li>
 * <li>{@code **}, as a whole segment: any number of segments ({@code acme/**} is every repository below
 * {@code acme}; {@code **}{@code /api} is every repository named {@code api});</li>
 * <li>{@code [abc]}, {@code [a-z]}, {@code [!a-z]}: one character of (or not of) a class;</li>
 * <li>anything else is literal and must be a letter, a digit, {@code .}, {@code _} or {@code -}.</li>
 * </ul>
 * sync-service applies the same rules when it assigns repositories to teams.
 */
public final class RepositoryPattern {

    public static final int MAX_LENGTH = 200;
    public static final String RULE = "a glob over repository full names: segments separated by '/', with *, **, ? "
            + "and [...] wildcards and literal letters, digits, '.', '_' or '-'";

    private RepositoryPattern() {
    }

    /** Why {@code glob} is not a valid pattern, or empty when it is. */
    public static Optional<String> problem(String glob) {
        try {
            compile(glob);
            return Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of(invalid.getMessage());
        }
    }

    /**
     * The regular expression {@code glob} stands for (case-insensitive, whole name).
     *
     * @throws IllegalArgumentException with a message for humans when {@code glob} is not valid
     */
    public static Pattern compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (glob.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        if (glob.startsWith("/") || glob.endsWith("/")) {
            throw new IllegalArgumentException("must not start or end with '/'");
        }
        String[] segments = glob.split("/", -1);
        StringBuilder regex = new StringBuilder();
        boolean afterAnyDirectories = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("must not contain an empty segment ('//')");
            }
            if (segment.equals("**")) {
                if (afterAnyDirectories || (i > 0 && segments[i - 1].equals("**"))) {
                    throw new IllegalArgumentException("must not repeat '**/**': one '**' matches any depth");
                }
                afterAnyDirectories = anyDirectories(regex, i, segments.length);
                continue;
            }
            if (i > 0 && !afterAnyDirectories) {
                regex.append('/');
            }
            afterAnyDirectories = false;
            appendSegment(regex, segment);
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** Appends what a {@code **} segment at {@code index} of {@code count} matches; whether a segment follows. */
    private static boolean anyDirectories(StringBuilder regex, int index, int count) {
        if (count == 1) {
            regex.append(".+");
            return false;
        }
        if (index == 0) {
            regex.append("(?:[^/]+/)*");
            return true;
        }
        if (index == count - 1) {
            regex.append("(?:/[^/]+)+");
            return false;
        }
        regex.append("/(?:[^/]+/)*");
        return true;
    }

    private static void appendSegment(StringBuilder regex, String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
                        throw new IllegalArgumentException("'**' must be a whole segment, as in 'acme/**'");
                    }
                    regex.append("[^/]*");
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = appendClass(regex, segment, i);
                default -> {
                    requireLiteral(c);
                    regex.append(c == '.' ? "\\." : String.valueOf(c));
                }
            }
        }
    }

    /** Appends the class that opens at {@code open}; the index of its closing bracket. */
    private static int appendClass(StringBuilder regex, String segment, int open) {
        int close = segment.indexOf(']', open + 1);
        if (close < 0) {
            throw new IllegalArgumentException("has an unclosed '['");
        }
        String body = segment.substring(open + 1, close);
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("has an empty character class '[]'");
        }
        regex.append(negated ? "[^/" : "[");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            requireLiteral(c);
            if (c == '-' && i > 0 && i + 1 < body.length()) {
                if (body.charAt(i - 1) > body.charAt(i + 1)) {
                    throw new IllegalArgumentException("has a reversed range '" + body.charAt(i - 1) + "-"
                            + body.charAt(i + 1) + "'");
                }
                regex.append('-');
            } else {
                regex.append(c == '-' ? "\\-" : c == '.' ? "\\." : String.valueOf(c));
            }
        }
        regex.append(']');
        return close;
    }

    private static void requireLiteral(char c) {
        boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
        if (!allowed) {
            // Anything outside printable ASCII is shown escaped (half of a surrogate pair cannot be shown alone).
            String shown = c >= ' ' && c <= '~' ? String.valueOf(c) : String.format("\\u%04x", (int) c);
            throw new IllegalArgumentException("must not contain '" + shown + "': " + RULE);
        }
    }
}
