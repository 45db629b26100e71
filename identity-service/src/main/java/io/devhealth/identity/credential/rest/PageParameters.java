package io.devhealth.identity.credential.rest;

import java.util.ArrayList;
import java.util.List;

import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;

/**
 * The {@code ?limit=&offset=} of a paged list. Read as text so that a value that is not an integer is a 400
 * naming the parameter (JAX-RS would answer 404 for an unconvertible query parameter); an integer out of range is a
 * 422, as Bean Validation answers elsewhere.
 *
 * @param limit page size, 1–{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT})
 * @param offset items skipped, 0–{@value #MAX_OFFSET} (default 0)
 */
record PageParameters(int limit, int offset) {

    static final int DEFAULT_LIMIT = 20;
    /** The hard maximum page size. */
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1_000_000_000;

    static PageParameters parse(String limit, String offset) {
        int parsedLimit = parse("limit", limit, DEFAULT_LIMIT);
        int parsedOffset = parse("offset", offset, 0);
        List<Problem.Violation> violations = new ArrayList<>();
        if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
            violations.add(new Problem.Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (parsedOffset < 0 || parsedOffset > MAX_OFFSET) {
            violations.add(new Problem.Violation("offset", "must be between 0 and " + MAX_OFFSET));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new PageParameters(parsedLimit, parsedOffset);
    }

    private static int parse(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notAnInteger) {
            throw ProblemException.badParameter(name, name + " must be an integer");
        }
    }
}
