package io.devhealth.support.text;

import java.util.Optional;

/**
 * What DevHealth accepts in a text input and how it normalizes one. A value is stripped of Unicode white space at
 * both ends (the Unicode {@code White_Space} property: U+00A0, U+2000–U+200A, U+3000… as well as ASCII's, which
 * {@link String#strip()} partly misses), so a name made only of such characters is blank; NUL characters and
 * unpaired UTF-16 surrogates are refused (PostgreSQL cannot store the first, UTF-8 cannot encode the second).
 */
public final class Text {

    private static final char NEXT_LINE = '\u0085';

    private Text() {
    }

    /** {@code value} without leading and trailing Unicode white space; {@code null} stays {@code null}. */
    public static String strip(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** Whether {@code c} has the Unicode {@code White_Space} property. */
    public static boolean isWhiteSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == NEXT_LINE;
    }

    /**
     * Why {@code value} is not acceptable text, or empty when it is: it contains a NUL character or an unpaired
     * surrogate.
     */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("must not contain unpaired UTF-16 surrogates");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must not contain unpaired UTF-16 surrogates");
            }
        }
        return Optional.empty();
    }
}
