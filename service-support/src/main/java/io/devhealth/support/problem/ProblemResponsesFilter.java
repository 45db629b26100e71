package io.devhealth.support.problem;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Says once, for every service's OpenAPI document, that every 4xx and 5xx response is an RFC 9457
 * {@link Problem} ({@code application/problem+json}): resources document the statuses and what they mean, and
 * leave the body to this filter.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String SCHEMA_NAME = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA_NAME;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean referenced = false;
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                referenced |= describeErrors(operation);
            }
        }
        if (referenced) {
            ensureSchema(openAPI);
        }
    }

    private static boolean describeErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return false;
        }
        boolean referenced = false;
        for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
            String status = entry.getKey();
            APIResponse response = entry.getValue();
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error && (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
                referenced = true;
            }
        }
        return referenced;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF)));
    }

    /** The Problem schema, when no annotation made the scanner generate it. */
    private static void ensureSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() != null
                && openAPI.getComponents().getSchemas().containsKey(SCHEMA_NAME)) {
            return;
        }
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("Body property path or query parameter name."))
                .addProperty("message", string("What is wrong with it."));
        openAPI.getComponents().addSchema(SCHEMA_NAME, OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details.")
                .addProperty("type", string("Stable URI of the failure kind, https://devhealth.io/problems/<name>."))
                .addProperty("title", string("Short summary of the failure kind (the HTTP reason phrase)."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code."))
                .addProperty("detail", string("What went wrong with this request, for humans."))
                .addProperty("instance", string("The request path."))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(violation).description("The fields at fault; absent for other problems.")));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
