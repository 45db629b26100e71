package io.devhealth.support.page;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;

/**
 * The {@code ?limit=&offset=} query parameters of every paginated list ({@code @BeanParam PageParameters page},
 * then {@link #toRequest()}). Read as text, so that a value that is not an integer is a 400 naming the parameter
 * (JAX-RS would answer 404 for an unconvertible query parameter); an integer out of range is a 422. The page size
 * is capped at {@value #MAX_LIMIT}: a larger one is refused, never served.
 */
public class PageParameters {

    public static final int DEFAULT_LIMIT = 50;
    /** The hard maximum page size. */
    public static final int MAX_LIMIT = 200;
    /** Deep offsets cost the database a scan of everything before them. */
    public static final int MAX_OFFSET = 1_000_000;

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1–200 (default 50)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    String limit;

    @QueryParam("offset")
    @Parameter(description = "Items to skip, 0–1000000 (default 0)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000000", defaultValue = "0"))
    String offset;

    /**
     * The validated request.
     *
     * @throws ProblemException 400 {@code bad-request} for a value that is not an integer, 422 {@code validation}
     *         for one out of range
     */
    public PageRequest toRequest() {
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
        return new PageRequest(parsedLimit, parsedOffset);
    }

    private static int parse(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notAnInteger) {
            throw ProblemException.badParameter(name, name + " must be an integer");
        }
    }
}
