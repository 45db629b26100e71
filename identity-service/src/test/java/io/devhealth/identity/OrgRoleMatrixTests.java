package io.devhealth.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.identity.TestData.TestUser;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The whole role matrix, generated from the served OpenAPI document so that no endpoint can be forgotten: every
 * operation under {@code /api/v1/identity/orgs/{org}} must declare its {@link OrgPermission} (extension
 * {@value OrgPermission#OPENAPI_EXTENSION}), and is then called with its own documented example body by an outsider
 * (owner of another organization), a viewer, a member, an admin and an owner of a fresh organization. Roles without
 * the permission get exactly 403; roles with it get neither 401/403 nor a 5xx; an unknown organization is 404.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OrgRoleMatrixTests {

    private static final String ORG_PATHS = "/api/v1/identity/orgs/{org}";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestUser owner;
    private String ownerToken;
    private final Map<OrgRole, TestUser> members = new EnumMap<>(OrgRole.class);
    private final Map<OrgRole, String> tokens = new EnumMap<>(OrgRole.class);
    private String outsiderToken;
    private JsonNode openApi;

    /** Users of every role; in the factory, not a @BeforeAll: RestAssured knows the random test port only then. */
    private void usersOfEveryRole() throws Exception {
        owner = TestData.createUser("matrix-owner");
        ownerToken = TestData.login(owner);
        tokens.put(OrgRole.OWNER, ownerToken);
        for (OrgRole role : List.of(OrgRole.VIEWER, OrgRole.MEMBER, OrgRole.ADMIN)) {
            TestUser user = TestData.createUser("matrix-" + role.claimValue());
            members.put(role, user);
            tokens.put(role, TestData.login(user));
        }
        TestUser outsider = TestData.createUser("matrix-outsider");
        outsiderToken = TestData.login(outsider);
        TestData.createOrg(outsiderToken, TestData.unique("outsiders"));
        openApi = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @TestFactory
    Stream<DynamicTest> everyOrganizationOperationEnforcesTheRoleItDeclares() throws Exception {
        usersOfEveryRole();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(ORG_PATHS)) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    String name = method.toUpperCase() + " " + path.getKey();
                    tests.add(DynamicTest.dynamicTest(name, () -> checkMatrix(method, path.getKey(), operation)));
                }
            }
        }
        assertThat(tests).as("organization operations in the OpenAPI document").hasSizeGreaterThan(5);
        return tests.stream();
    }

    private void checkMatrix(String method, String template, JsonNode operation) {
        JsonNode declared = operation.get(OrgPermission.OPENAPI_EXTENSION);
        assertThat(declared).as("%s %s declares no %s", method, template, OrgPermission.OPENAPI_EXTENSION).isNotNull();
        OrgPermission permission = OrgPermission.valueOf(declared.asText());
        String body = exampleBody(operation);
        Map<String, String> parameters = pathExamples(operation);

        String unknownOrg = TestData.unique("unknown");
        Response unknown = call(method, template, unknownOrg, parameters, body, ownerToken);
        assertThat(unknown.statusCode()).as("%s %s on an unknown organization", method, template).isEqualTo(404);

        String slug = TestData.unique("matrix");
        UUID orgId = TestData.createOrg(ownerToken, slug);
        members.forEach((role, user) -> TestData.addMember(orgId, user.id(), role));

        assertRefused(call(method, template, slug, parameters, body, outsiderToken), method, template, "an outsider");
        for (OrgRole role : OrgRole.values()) {
            Response response = call(method, template, slug, parameters, body, tokens.get(role));
            String who = "a " + role.claimValue() + " (" + permission + " needs " + permission.minimumRole() + ")";
            if (permission.grantedTo(role)) {
                assertThat(response.statusCode()).as("%s %s by %s: %s", method, template, who, response.asString())
                        .isNotIn(401, 403).isLessThan(500);
            } else {
                assertRefused(response, method, template, who);
            }
        }
    }

    private static void assertRefused(Response response, String method, String template, String who) {
        assertThat(response.statusCode()).as("%s %s by %s: %s", method, template, who, response.asString())
                .isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemTypes.FORBIDDEN.toString());
    }

    private static Response call(String method, String template, String org, Map<String, String> parameters,
            String body, String token) {
        String path = template.replace("{org}", org);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        path = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        var request = given().auth().oauth2(token);
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.request(method.toUpperCase(), path);
    }

    /** Path parameters that document an example (e.g. a setting key); the others become random UUIDs. */
    private static Map<String, String> pathExamples(JsonNode operation) {
        Map<String, String> examples = new HashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("path".equals(parameter.path("in").asText()) && parameter.has("example")) {
                examples.put(parameter.get("name").asText(), parameter.get("example").asText());
            }
        }
        return examples;
    }

    /** The operation's JSON request body made of its schema's examples; null when it takes no JSON body. */
    private String exampleBody(JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return null;
        }
        return example(schema).toString();
    }

    private JsonNode example(JsonNode schema) {
        // A property's own examples win over those of the schema it references.
        for (JsonNode candidate : List.of(schema, resolve(schema))) {
            if (candidate.has("examples") && candidate.get("examples").size() > 0) {
                return candidate.get("examples").get(0);
            }
            if (candidate.has("example")) {
                return candidate.get("example");
            }
        }
        JsonNode resolved = resolve(schema);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode value = property.getValue();
            JsonNode target = resolve(value);
            if (value.has("examples") || value.has("example") || target.has("examples") || target.has("example")
                    || target.has("properties")) {
                object.set(property.getKey(), example(value));
            }
        }
        return object;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String name = current.get("$ref").asText().replace("#/components/schemas/", "");
            current = openApi.path("components").path("schemas").path(name);
        }
        return current;
    }
}
