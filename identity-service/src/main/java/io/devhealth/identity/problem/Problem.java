package io.devhealth.identity.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body ({@code application/problem+json}), the body of every error response. */
@Schema(description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable URI of the failure kind, https://devhealth.io/problems/<name>",
                examples = "https://devhealth.io/problems/validation")
        URI type,
        @Schema(description = "The HTTP reason phrase", examples = "Unprocessable Content")
        String title,
        @Schema(description = "The HTTP status code", examples = "422")
        int status,
        @Schema(description = "What went wrong with this request, for humans")
        String detail,
        @Schema(description = "The request path", examples = "/api/v1/identity/orgs")
        String instance,
        @Schema(description = "422 only: the invalid fields")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a body property path ({@code options.repositoryPath}) or a query parameter name. */
    public record Violation(String field, String message) {
    }
}
