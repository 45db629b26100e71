package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.devhealth.identity.people.service.FeedPosition;
import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;

/**
 * The query parameters of every change feed ({@code @BeanParam FeedParameters feed}, then {@link #position()} and
 * {@link #limit()}). Read as text, as {@code PageParameters} does: a value of the wrong type is a 400 naming the
 * parameter (JAX-RS would answer 404), one out of range a 422.
 */
public class FeedParameters {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    @QueryParam("sinceVersion")
    @Parameter(description = "The last version applied; 0 (the default) for everything",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    String sinceVersion;

    @QueryParam("afterId")
    @Parameter(description = "From a previous page's next: continue after this row of sinceVersion",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String afterId;

    @QueryParam("limit")
    @Parameter(description = "At most this many changes (rows and deletions), 1–1000 (default 500)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "500"))
    String limit;

    /**
     * Where the reader continues.
     *
     * @throws ProblemException 400 for a sinceVersion that is not an integer or an afterId that is not a UUID, 422
     *         for a negative sinceVersion or a limit out of range
     */
    public FeedPosition position() {
        long since = parseLong("sinceVersion", sinceVersion, 0);
        UUID after = parseUuid(afterId);
        if (since < 0) {
            throw ProblemException.invalid(List.of(new Problem.Violation("sinceVersion", "must be 0 or more")));
        }
        return FeedPosition.since(since, after);
    }

    /**
     * Most changes in the page, 1–{@value #MAX_LIMIT}.
     *
     * @throws ProblemException 400 when not an integer, 422 when out of range
     */
    public int limit() {
        long most = parseLong("limit", limit, DEFAULT_LIMIT);
        if (most < 1 || most > MAX_LIMIT) {
            throw ProblemException.invalid(List.of(new Problem.Violation("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return (int) most;
    }

    private static long parseLong(String name, String value, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notAnInteger) {
            throw ProblemException.badParameter(name, name + " must be an integer");
        }
    }

    private static UUID parseUuid(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.badParameter("afterId", "afterId must be a UUID");
        }
    }
}
