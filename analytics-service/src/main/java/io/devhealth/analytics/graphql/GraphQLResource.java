package io.devhealth.analytics.graphql;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.problem.ProblemException;
import io.quarkus.security.Authenticated;

@Path("/api/v1/analytics/graphql")
@Authenticated
@Tag(name = "GraphQL", description = "The analytics API over GraphQL: the same data, rules and limits as REST.")
public class GraphQLResource {

    /** Longest query text accepted, in characters. */
    static final int MAX_QUERY_LENGTH = 20_000;

    private final AnalyticsGraphQL graphQL;

    GraphQLResource(AnalyticsGraphQL graphQL) {
        this.graphQL = graphQL;
    }

    /** A GraphQL-over-HTTP request body. */
    public record GraphQLRequest(
            @Schema(examples = "{ dora(org: \"acme\", from: \"2025-01-01\", to: \"2025-03-31\") "
                    + "{ changeFailRate { rate level } } }") String query,
            Map<String, Object> variables,
            String operationName) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a GraphQL query", description = """
            Schema: repos, repoMetricsDaily, dora, commits, deployments (each takes the organization slug or id as org; fields and \
            arguments mirror the REST endpoints). Answers {data, errors}; a field the caller may not read, or with \
            bad arguments, yields an error whose extensions carry the problem type and status (another \
            organization's data never appears). Queries deeper than 8 levels or above 400 fields are refused.""")
    @APIResponse(responseCode = "200", description = "The GraphQL response, errors included")
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no query, or a query over 20,000 characters")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    public Map<String, Object> execute(GraphQLRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ProblemException.badParameter("query", "query is required");
        }
        if (request.query().length() > MAX_QUERY_LENGTH) {
            throw ProblemException.badParameter("query", "query must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return graphQL.execute(request.query(), request.variables(), request.operationName());
    }
}
