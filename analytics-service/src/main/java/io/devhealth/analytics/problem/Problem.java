package io.devhealth.analytics.problem;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). Registered for reflection because the
 * mappers put it into responses themselves: no resource method signature names it for native serialization.
 */
@RegisterForReflection
@Schema(description = "RFC 9457 problem details.")
public record Problem(
        @Schema(description = "Stable URI of the failure kind, https://devhealth.io/problems/<name>; clients branch on it.",
                examples = "https://devhealth.io/problems/bad-request")
        URI type,
        @Schema(description = "Short summary of the failure kind (the HTTP reason phrase).", examples = "Bad Request")
        String title,
        @Schema(description = "The HTTP status code.", examples = "400")
        int status,
        @Schema(description = "What went wrong with this request, for humans.")
        String detail,
        @Schema(description = "The request path.", examples = "/api/v1/analytics/orgs/local/metrics/repos/daily")
        String instance,
        @Schema(description = "The query parameter at fault, for a malformed one.", examples = "from")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
