package io.devhealth.analytics.listing;

import java.util.Set;
import java.util.TreeSet;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * The free-text and enumerated query filters of listings and reports: absent or blank means "no filter" ({@code ""}),
 * a value is stripped of surrounding white space. Values reach SQL only as parameters; these checks keep what
 * cannot match anything (control characters, oversize values, words outside a closed vocabulary) from becoming
 * silent empty pages.
 */
public final class Filters {

    /** Longest free-text filter accepted (names, logins, keys and emails are far shorter). */
    public static final int MAX_TEXT_LENGTH = 255;

    private Filters() {
    }

    /**
     * A free-text filter: {@code ""} when absent or blank.
     *
     * @throws ProblemException 400 naming {@code parameter} when longer than {@value #MAX_TEXT_LENGTH} characters
     *         or holding control characters, NUL or unpaired surrogates
     */
    public static String text(String parameter, String value) {
        String filter = value == null ? "" : value.strip();
        if (filter.length() > MAX_TEXT_LENGTH || filter.chars().anyMatch(Character::isISOControl)
                || Text.problem(filter).isPresent()) {
            throw ProblemException.badParameter(parameter, parameter + " must be at most " + MAX_TEXT_LENGTH
                    + " characters without control characters");
        }
        return filter;
    }

    /**
     * An enumerated filter: {@code ""} when absent or blank, else one of {@code allowed} (exact, lower case).
     *
     * @throws ProblemException 400 naming {@code parameter} when the value is not one of {@code allowed}
     */
    public static String oneOf(String parameter, String value, Set<String> allowed) {
        String filter = value == null ? "" : value.strip();
        if (!filter.isEmpty() && !allowed.contains(filter)) {
            throw ProblemException.badParameter(parameter,
                    parameter + " must be one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return filter;
    }
}
