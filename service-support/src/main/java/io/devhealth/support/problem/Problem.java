package io.devhealth.support.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), the body of every error response of every
 * DevHealth service. Built by {@link ProblemException#toProblem(String)}; rendered by {@link ProblemMappers}.
 * Registered for reflection because the mappers put it into responses themselves: no resource method signature
 * names it for native serialization.
 *
 * @param type stable URI of the failure kind, one of {@link ProblemTypes}
 * @param title the HTTP reason phrase of {@code status}
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for humans: no internals, no secrets
 * @param instance the request path
 * @param violations the fields or query parameters at fault (422 validation, 400 malformed parameter); null, and
 *        then absent from the JSON, for every other problem
 */
@RegisterForReflection
@Schema(description = "RFC 9457 problem details.")
public record Problem(
        @Schema(description = "Stable URI of the failure kind, https://devhealth.io/problems/<name>; clients branch on it.",
                examples = "https://devhealth.io/problems/validation")
        URI type,
        @Schema(description = "Short summary of the failure kind (the HTTP reason phrase).",
                examples = "Unprocessable Content")
        String title,
        @Schema(description = "The HTTP status code.", examples = "422")
        int status,
        @Schema(description = "What went wrong with this request, for humans.")
        String detail,
        @Schema(description = "The request path.")
        String instance,
        @Schema(description = "The fields at fault: body properties (422 validation) or query parameters "
                + "(400 bad-request); absent for other problems.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field at fault.
     *
     * @param field a body property path ({@code options.repositoryPath}) or a query parameter name ({@code from})
     * @param message what is wrong with it
     */
    @RegisterForReflection
    @Schema(description = "A field at fault and what is wrong with it.")
    public record Violation(
            @Schema(description = "Body property path or query parameter name.", examples = "options.repositoryPath")
            String field,
            @Schema(description = "What is wrong with it.", examples = "must not be blank")
            String message) {
    }
}
