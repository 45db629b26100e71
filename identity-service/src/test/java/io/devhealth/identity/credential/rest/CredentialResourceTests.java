package io.devhealth.identity.credential.rest;

import static io.devhealth.identity.credential.CredentialSteps.body;
import static io.devhealth.identity.credential.CredentialSteps.create;
import static io.devhealth.identity.credential.CredentialSteps.credentials;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.credential.CredentialSteps;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The admin API of integration credentials: metadata in and out, secrets in only. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialResourceTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    private String org;
    private UUID orgId;
    private String ownerToken;
    private String adminToken;
    private String memberToken;
    private String viewerToken;

    @BeforeEach
    void organizationWithOneUserPerRole() {
        TestData.OrgWithRoles roles = TestData.orgWithOneUserPerRole("creds");
        org = roles.slug();
        orgId = roles.id();
        ownerToken = roles.owner();
        adminToken = roles.admin();
        memberToken = roles.member();
        viewerToken = roles.viewer();
    }

    @Test
    void adminCreatesACredentialAndNoResponseEverCarriesTheSecret() {
        String secret = CredentialSteps.uniqueSecret("ghp");
        Map<String, Object> request = body("github", "acme-app", secret);
        request.put("metadata", Map.of("baseUrl", " https://api.github.com ", "account", "acme"));
        String created = create(adminToken, org, request).statusCode(201).extract().asString();
        String id = JsonPath.from(created).getString("id");
        assertThat(created).doesNotContain(secret);
        create(ownerToken, org, "gitlab", "by-owner", "glpat-owner");

        ValidatableResponse read = given().auth().oauth2(adminToken).get(credentials(org) + "/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("orgId", equalTo(orgId.toString()))
                .body("provider", equalTo("github"))
                .body("name", equalTo("acme-app"))
                .body("metadata.baseUrl", equalTo("https://api.github.com"))
                .body("metadata.account", equalTo("acme"))
                .body("secretFingerprint", matchesPattern("^[0-9a-f]{8}$"))
                .body("secretUpdatedAt", notNullValue())
                .body("lastUsedAt", nullValue())
                .body("$", not(hasKey("secret")));
        assertThat(read.extract().asString()).doesNotContain(secret);
        String page = given().auth().oauth2(ownerToken).get(credentials(org)).then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", contains("acme-app", "by-owner"))
                .extract().asString();
        assertThat(page).doesNotContain(secret).doesNotContain("\"secret\"");
    }

    @Test
    void locationNamesTheCreatedCredential() {
        ValidatableResponse created = create(adminToken, org, body("jira", "jira-cloud", "atlassian-token"))
                .statusCode(201);
        String id = created.extract().path("id");
        created.header("Location", endsWith("/api/v1/identity/orgs/" + org + "/credentials/" + id));
    }

    @Test
    void replacingTheSecretChangesTheFingerprintOnly() {
        UUID id = create(adminToken, org, "pagerduty", "pd", "first-secret-value");
        String before = given().auth().oauth2(adminToken).get(credentials(org) + "/" + id)
                .then().statusCode(200).extract().path("secretFingerprint");

        String after = replaceSecret(adminToken, org, id, "second-secret-value")
                .statusCode(200)
                .body("name", equalTo("pd"))
                .body("$", not(hasKey("secret")))
                .extract().path("secretFingerprint");
        assertThat(after).matches("^[0-9a-f]{8}$").isNotEqualTo(before);
        // Deterministic for the same secret (the same master key), so an admin can tell a secret came back.
        UUID twin = create(ownerToken, org, "pagerduty", "pd-twin", "first-secret-value");
        given().auth().oauth2(adminToken).get(credentials(org) + "/" + twin)
                .then().body("secretFingerprint", equalTo(before));
        replaceSecret(adminToken, org, id, " ").statusCode(422).body("violations.field", contains("secret"));
        replaceSecret(adminToken, org, id, "nul\u0000inside").statusCode(422)
                .body("violations.field", contains("secret"));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{}")
                .put(credentials(org) + "/" + id + "/secret")
                .then().statusCode(422).body("violations.field", contains("secret"));
    }

    @Test
    void onlyAdminsAndOwnersMaySeeOrManageCredentials() {
        UUID id = create(adminToken, org, "github", "guarded", "s3cr3t-guarded");
        String outsider = TestData.login(TestData.createUser("stranger"));
        for (String token : List.of(memberToken, viewerToken, outsider)) {
            create(token, org, body("github", "nope", "x")).statusCode(403)
                    .contentType(PROBLEM_JSON).body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
            given().auth().oauth2(token).get(credentials(org)).then().statusCode(403);
            given().auth().oauth2(token).get(credentials(org) + "/" + id).then().statusCode(403);
            given().auth().oauth2(token).get(credentials(org) + "/" + id + "/reads").then().statusCode(403);
            replaceSecret(token, org, id, "stolen").statusCode(403);
            given().auth().oauth2(token).delete(credentials(org) + "/" + id).then().statusCode(403);
        }
        given().get(credentials(org)).then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(adminToken).get(credentials(org) + "/" + id).then().statusCode(200);
    }

    @Test
    void anotherOrganizationsCredentialAndUnknownIdsAre404() {
        UUID id = create(adminToken, org, "github", "mine", "s3cr3t-mine");
        String otherOrg = TestData.unique("other");
        TestData.createOrg(adminToken, otherOrg);
        String other = credentials(otherOrg) + "/" + id;

        for (ValidatableResponse response : List.of(
                given().auth().oauth2(adminToken).get(other).then(),
                given().auth().oauth2(adminToken).get(other + "/reads").then(),
                replaceSecret(adminToken, otherOrg, id, "overwrite"),
                given().auth().oauth2(adminToken).delete(other).then(),
                given().auth().oauth2(adminToken).get(credentials(org) + "/" + UUID.randomUUID()).then(),
                given().auth().oauth2(adminToken).get(credentials(org) + "/not-a-uuid").then(),
                given().auth().oauth2(adminToken).get(credentials("no-such-org-" + UUID.randomUUID())).then())) {
            response.statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        }
        given().auth().oauth2(adminToken).get(credentials(otherOrg)).then().statusCode(200).body("total", equalTo(0));
        // The secret was not replaced through the other organization.
        given().auth().oauth2(adminToken).get(credentials(org) + "/" + id).then().statusCode(200);
    }

    @Test
    void aDuplicateProviderAndNameIs409() {
        create(adminToken, org, "github", "twin", "one");
        create(adminToken, org, body("github", "twin", "two"))
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", not(containsString("two")));
        create(adminToken, org, body("gitlab", "twin", "three")).statusCode(201);
        String otherOrg = TestData.unique("twin");
        TestData.createOrg(adminToken, otherOrg);
        create(adminToken, otherOrg, body("github", "twin", "four")).statusCode(201);
    }

    @Test
    void missingBlankAndUnknownFieldsAre422NamingTheField() {
        assertInvalid(Map.of("name", "n", "secret", "s"), "provider");
        assertInvalid(Map.of("provider", "github", "secret", "s"), "name");
        assertInvalid(Map.of("provider", "github", "name", "n"), "secret");
        assertInvalid(body("svn", "n", "s"), "provider");
        assertInvalid(body("GitHub", "n", "s"), "provider");
        assertInvalid(body("github", " \u00a0\t", "s"), "name");
        assertInvalid(body("github", "x".repeat(201), "s"), "name");
        assertInvalid(body("github", "n", "  \n "), "secret");
        assertInvalid(body("github", "nul\u0000name", "s"), "name");
        assertInvalid(body("github", "n", "nul\u0000secret"), "secret");
    }

    @Test
    void secretsAreCappedAt16KibOfUtf8() {
        create(adminToken, org, body("git", "max", "k".repeat(16 * 1024))).statusCode(201);
        assertInvalid(body("git", "over", "k".repeat(16 * 1024 + 1)), "secret");
        // Characters are not bytes: 6,000 three-byte characters are 18,000 bytes.
        assertInvalid(body("git", "wide", "€".repeat(6000)), "secret");
        create(adminToken, org, body("git", "over", "k".repeat(16 * 1024 + 1)))
                .body("detail", not(containsString("kkkk")));
    }

    @Test
    void metadataIsAFlatObjectOfNonSecretStrings() {
        assertInvalidMetadata(List.of("https://x"), "metadata");
        assertInvalidMetadata("https://x", "metadata");
        assertInvalidMetadata(Map.of("port", 443), "metadata.port");
        assertInvalidMetadata(Map.of("nested", Map.of("a", "b")), "metadata.nested");
        assertInvalidMetadata(Map.of("baseUrl", " "), "metadata.baseUrl");
        assertInvalidMetadata(Map.of("baseUrl", "a\u0000b"), "metadata.baseUrl");
        assertInvalidMetadata(Map.of("baseUrl", "u".repeat(1025)), "metadata.baseUrl");
        assertInvalidMetadata(Map.of("api_token", "oops"), "metadata.api_token");
        assertInvalidMetadata(Map.of("Password", "oops"), "metadata.Password");
        assertInvalidMetadata(Map.of("bad key", "v"), "metadata");
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            many.put("k" + i, "v");
        }
        assertInvalidMetadata(many, "metadata");

        Map<String, Object> ok = body("jira", "meta", "jira-secret");
        ok.put("metadata", Map.of("baseUrl", "https://acme.atlassian.net", "tokenUrl", "https://auth.example"));
        create(adminToken, org, ok).statusCode(201).body("metadata.tokenUrl", equalTo("https://auth.example"));
        Map<String, Object> explicitNull = body("jira", "null-meta", "jira-secret");
        explicitNull.put("metadata", null);
        create(adminToken, org, explicitNull).statusCode(201).body("metadata", equalTo(Map.of()));
    }

    @Test
    void malformedBodiesAre400() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"provider\": \"git\",")
                .post(credentials(org))
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"provider\": \"git\", \"name\": \"n\", \"secret\": {\"nested\": true}}")
                .post(credentials(org))
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("[]")
                .post(credentials(org))
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void listsArePagedWithAHardMaximum() {
        for (String name : List.of("c", "a", "b")) {
            create(adminToken, org, "git", name, "secret-" + name);
        }
        given().auth().oauth2(adminToken).get(credentials(org) + "?limit=2").then()
                .statusCode(200)
                .body("items.name", contains("a", "b"))
                .body("limit", equalTo(2))
                .body("offset", equalTo(0))
                .body("total", equalTo(3));
        given().auth().oauth2(adminToken).get(credentials(org) + "?limit=2&offset=2").then()
                .statusCode(200).body("items.name", contains("c")).body("offset", equalTo(2));
        given().auth().oauth2(adminToken).get(credentials(org) + "?offset=5").then()
                .statusCode(200).body("items", equalTo(List.of())).body("total", equalTo(3));
        given().auth().oauth2(adminToken).get(credentials(org)).then().body("limit", equalTo(50));
        for (String query : List.of("limit=0", "limit=201", "offset=-1")) {
            given().auth().oauth2(adminToken).get(credentials(org) + "?" + query).then()
                    .statusCode(422)
                    .contentType(PROBLEM_JSON)
                    .body("violations.field", contains(query.substring(0, query.indexOf('='))));
        }
        given().auth().oauth2(adminToken).get(credentials(org) + "?limit=many").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("limit"));
        given().auth().oauth2(adminToken).get(credentials(org) + "?offset=1e3").then().statusCode(400);
        given().auth().oauth2(adminToken).get(credentials(org) + "?limit=99999999999").then().statusCode(400);
    }

    @Test
    void deleteIsRefusedWhileASyncConfigurationUsesTheCredential() {
        UUID id = create(adminToken, org, "git", "in-use", "deploy-key");
        UUID configuration = TestData.createGitConfiguration(adminToken, org, "uses-it", null);
        TestData.update("UPDATE sync_configurations SET credential_id = ? WHERE id = ?", id, configuration);

        given().auth().oauth2(adminToken).delete(credentials(org) + "/" + id).then()
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString("'uses-it'"));
        given().auth().oauth2(adminToken).get(credentials(org) + "/" + id).then().statusCode(200);

        TestData.update("UPDATE sync_configurations SET credential_id = NULL WHERE id = ?", configuration);
        given().auth().oauth2(ownerToken).delete(credentials(org) + "/" + id).then().statusCode(204);
        given().auth().oauth2(adminToken).get(credentials(org) + "/" + id).then().statusCode(404);
        given().auth().oauth2(adminToken).delete(credentials(org) + "/" + id).then().statusCode(404);
    }

    private static ValidatableResponse replaceSecret(String token, String org, UUID id, String secret) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("secret", secret))
                .when().put(credentials(org) + "/" + id + "/secret")
                .then();
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        create(adminToken, org, body)
                .statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", equalTo(List.of(field)));
    }

    private void assertInvalidMetadata(Object metadata, String field) {
        Map<String, Object> body = body("jira", "m-" + UUID.randomUUID(), "jira-secret");
        body.put("metadata", metadata);
        assertInvalid(body, field);
    }
}
