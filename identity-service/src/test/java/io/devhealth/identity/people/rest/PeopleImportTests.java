package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** {@code POST …/people/import}: dry runs, conflicts, idempotence, malformed and oversize bodies. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PeopleImportTests {

    private static final String HEADER = "person_key,display_name,email,provider,external_id,identity_name\n";

    private PeopleSteps steps;
    private String mona;

    @BeforeEach
    void organizationWithMona() {
        steps = PeopleSteps.organization("import");
        mona = steps.createPerson("Mona", "github", "octocat");
    }

    @Test
    void dryRunReportsChangesConflictsAndErrorsWithLinesAndWritesNothing() {
        long versionBefore = feedVersion();
        JsonPath report = csv(steps.admin, true, null, HEADER
                + "E1,Jane Doe,jane@acme.io,git,Jane@Acme.io,Jane D.\n"
                + "e1,Jane Doe,,github,janedoe,\n"
                + "E2,Bob,,github,OCTOCAT,\n"
                + "E3,Carol,,git,jane@acme.IO,\n"
                + "E1,Janet,,,,\n"
                + "E4,Dan,,svn,dan,\n")
                .statusCode(200).extract().jsonPath();

        assertThat(report.getBoolean("dryRun")).isTrue();
        assertThat(report.getBoolean("applied")).isFalse();
        assertThat(report.getString("format")).isEqualTo("csv");
        assertThat(report.getInt("rows")).isEqualTo(6);
        assertThat(report.getInt("summary.peopleCreated")).isEqualTo(3);
        assertThat(report.getInt("summary.identitiesAdded")).isEqualTo(2);
        assertThat(report.getList("people.key")).containsExactly("E1", "E2", "E3");
        assertThat(report.getList("people.action")).containsOnly("create");
        assertThat(report.getList("conflicts.line")).containsExactly(4, 5, 6);
        assertThat(report.getList("conflicts.kind")).containsExactly("mapped-to-other-person", "duplicate-in-file",
                "inconsistent-person");
        assertThat(report.getString("conflicts[0].personId")).isEqualTo(mona);
        assertThat(report.getString("conflicts[0].detail")).contains("'Mona'");
        assertThat(report.getInt("conflicts[1].firstLine")).isEqualTo(2);
        assertThat(report.getInt("conflicts[2].firstLine")).isEqualTo(2);
        assertThat(report.getList("errors.line")).containsExactly(7);
        assertThat(report.getList("errors.field")).containsExactly("provider");
        assertThat(report.getString("version")).isNull();

        given().auth().oauth2(steps.admin).get(steps.people()).then().statusCode(200)
                .body("items.displayName", contains("Mona"));
        assertThat(feedVersion()).isEqualTo(versionBefore);
    }

    @Test
    void aRealImportRefusesInvalidRowsAndConflictsAndWritesNothing() {
        csv(steps.admin, false, null, HEADER + "E1,Jane,,github,janedoe,\nE2,Dan,,svn,dan,\n")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", contains("line 3: provider"));
        csv(steps.admin, false, null, HEADER + "E1,Jane,,github,janedoe,\nE2,Bob,,github,octocat,\n")
                .statusCode(409)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString("line 3"));
        csv(steps.admin, false, "fail", HEADER + "E2,Bob,,github,octocat,\n").statusCode(409);
        given().auth().oauth2(steps.admin).get(steps.people()).then().statusCode(200).body("total", equalTo(1));
        csv(steps.admin, false, "sometimes", HEADER).statusCode(422).body("violations.field", contains("onConflict"));
    }

    @Test
    void skippingConflictsImportsTheRestAndTheSameFileTwiceChangesNothing() {
        String file = HEADER
                + "E1,Jane Doe,jane@acme.io,git,Jane@Acme.io,Jane D.\n"
                + "E1,Jane Doe,,github,janedoe,\n"
                + "E2,Bob,,github,octocat,\n"
                + "E2,Bob,,gitlab,bob,\n";
        JsonPath first = csv(steps.admin, false, "skip", file).statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("applied")).isTrue();
        assertThat(first.getInt("summary.peopleCreated")).isEqualTo(2);
        assertThat(first.getInt("summary.identitiesAdded")).isEqualTo(3);
        assertThat(first.getList("conflicts.line")).containsExactly(4);
        assertThat(first.getList("people.personId")).doesNotContainNull();
        long version = first.getLong("version");
        assertThat(version).isEqualTo(feedVersion());

        String jane = first.getString("people[0].personId");
        steps.get(steps.member, jane).statusCode(200)
                .body("key", equalTo("E1"))
                .body("primaryEmail", equalTo("jane@acme.io"))
                .body("identities.provider", contains("git", "github"))
                .body("identities.name", contains("Jane D.", null))
                .body("version", equalTo((int) version));
        steps.get(steps.member, mona).statusCode(200).body("identities.externalId", contains("octocat"));

        JsonPath second = csv(steps.admin, false, "skip", file).statusCode(200).extract().jsonPath();
        assertThat(second.getInt("summary.peopleCreated")).isZero();
        assertThat(second.getInt("summary.peopleUpdated")).isZero();
        assertThat(second.getInt("summary.peopleUnchanged")).isEqualTo(2);
        assertThat(second.getInt("summary.identitiesAdded")).isZero();
        assertThat(second.getInt("summary.identitiesUnchanged")).isEqualTo(3);
        assertThat(second.getList("people")).isEmpty();
        assertThat(second.getLong("version")).isEqualTo(version);
        assertThat(feedVersion()).isEqualTo(version);
        given().auth().oauth2(steps.admin).get(steps.people()).then().body("total", equalTo(3));
    }

    @Test
    void anImportUpdatesPeopleMatchedByKeyAndAddsTheirIdentities() {
        java.util.Map<String, Object> body = PeopleSteps.newPerson("Grace", "github", "grace");
        body.put("key", "G-1");
        String grace = steps.create(steps.admin, body).statusCode(201).extract().path("id");

        JsonPath report = csv(steps.admin, false, null, HEADER
                + "g-1,Grace Hopper,grace@navy.mil,gitlab,ghopper,\n"
                + "G-1,Grace Hopper,,github,GRACE,Grace H.\n").statusCode(200).extract().jsonPath();
        assertThat(report.getList("people.action")).containsExactly("update");
        assertThat(report.getString("people[0].personId")).isEqualTo(grace);
        assertThat(report.getList("people[0].fields")).containsExactly("displayName", "primaryEmail");
        assertThat(report.getInt("summary.identitiesUpdated")).isEqualTo(1);
        steps.get(steps.admin, grace).statusCode(200)
                .body("displayName", equalTo("Grace Hopper"))
                .body("key", equalTo("G-1"))
                .body("primaryEmail", equalTo("grace@navy.mil"))
                .body("identities.externalId", contains("grace", "ghopper"))
                .body("identities.name", contains("Grace H.", null));
    }

    @Test
    void jsonImportsReportPathsAndLines() {
        String body = """
                [
                  {"key": "J1", "displayName": "Jo", "primaryEmail": "jo@example.com",
                   "identities": [{"provider": "git", "externalId": "jo@example.com", "name": "Jo"}]},
                  {"key": "J2", "displayName": "Mo",
                   "identities": [{"provider": "github", "externalId": "octocat"},
                                  {"provider": "github", "externalId": "-bad"}]},
                  {"key": "J3", "displayName": "Lo", "primaryEmail": "JO@example.com"}
                ]""";
        JsonPath report = json(steps.admin, true, null, body).statusCode(200).extract().jsonPath();
        assertThat(report.getString("format")).isEqualTo("json");
        assertThat(report.getInt("rows")).isEqualTo(4);
        assertThat(report.getList("conflicts.kind")).containsExactly("mapped-to-other-person", "duplicate-in-file");
        assertThat(report.getList("conflicts.path")).containsExactly("[1].identities[0]", "[2]");
        assertThat(report.getList("conflicts.line")).containsExactly(4, 7);
        assertThat(report.getList("errors.field")).containsExactly("[1].identities[1].externalId");

        json(steps.admin, false, "skip", body).statusCode(422)
                .body("violations.field", contains("[1].identities[1].externalId (line 4)"));
        String valid = """
                [{"key": "J1", "displayName": "Jo", "primaryEmail": "jo@example.com",
                  "identities": [{"provider": "git", "externalId": "jo@example.com", "name": "Jo"}]},
                 {"key": "J2", "displayName": "Mo"}]""";
        assertThat(json(steps.admin, false, null, valid).statusCode(200).extract().jsonPath()
                .getInt("summary.peopleCreated")).isEqualTo(2);
        assertThat(json(steps.admin, false, null, valid).statusCode(200).extract().jsonPath()
                .getInt("summary.peopleUnchanged")).isEqualTo(2);
    }

    @Test
    void malformedBodiesAreProblemsNotFailures() {
        csv(steps.admin, true, null, HEADER + "E1,\"Jane,,github,jane,\n").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("detail", containsString("not valid CSV"));
        JsonPath columns = csv(steps.admin, true, null, HEADER + "E1,Jane,,github\nE2,Bo,,github,bo,,extra\n")
                .statusCode(200).extract().jsonPath();
        assertThat(columns.getList("errors.line")).containsExactly(2, 3);
        assertThat(columns.getList("errors.field")).containsOnly("columns");
        csv(steps.admin, false, null, HEADER + "E1,Jane,,github\n").statusCode(422)
                .body("violations.field", contains("line 2: columns"));
        csv(steps.admin, true, null, "person_key,display_name,provider,external_id,team\n").statusCode(400)
                .body("detail", containsString("'team'"));
        csv(steps.admin, true, null, "person_key,display_name\nE1,Jane\n").statusCode(400)
                .body("detail", containsString("provider"));
        csv(steps.admin, true, null, "").statusCode(400).body("detail", containsString("header"));
        JsonPath nul = csv(steps.admin, true, null, HEADER + "E1,Ja\u0000ne,,,,\nE2,\u3000,,,,\n")
                .statusCode(200).extract().jsonPath();
        assertThat(nul.getList("errors.field")).containsExactly("display_name", "display_name");
        given().auth().oauth2(steps.admin).contentType("text/csv")
                .body(new byte[] { 'p', ',', (byte) 0xC3, (byte) 0x28, '\n' })
                .when().post(steps.people() + "/import").then().statusCode(400)
                .body("detail", containsString("UTF-8"));

        json(steps.admin, true, null, "[{\"key\": \"J1\", \"displayName\": ").statusCode(400)
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        json(steps.admin, true, null, "{\"key\": \"J1\"}").statusCode(400).body("detail", containsString("array"));
        json(steps.admin, true, null, "[{\"key\": \"J1\", \"displayName\": \"Jo\", \"identities\": 5}]")
                .statusCode(400).body("detail", containsString("[0].identities"));
        json(steps.admin, true, null, "[{\"key\": \"J1\", \"displayName\": \"J\\u0000o\"}]").statusCode(422)
                .body("violations.field", contains("[0].displayName"));
        given().auth().oauth2(steps.admin).contentType(ContentType.TEXT).body("hello")
                .when().post(steps.people() + "/import").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void bodiesBeyondTheBoundsAre413() {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i <= 50_000; i++) {
            rows.append('k').append(i).append(",N,,,,\n");
        }
        csv(steps.admin, true, null, rows.toString()).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONTENT_TOO_LARGE.toString()))
                .body("detail", containsString("50000 rows"));
        byte[] big = (HEADER + "E1," + "x".repeat(5 * 1024 * 1024) + ",,,,\n").getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(steps.admin).contentType("text/csv").body(big)
                .when().post(steps.people() + "/import?dryRun=true").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONTENT_TOO_LARGE.toString()));
    }

    @Test
    void bodiesBeyondTheServersLimitAre413ProblemsToo() throws Exception {
        // Beyond quarkus.http.limits.max-body-size (10 MiB) the server refuses before reading: the client waits for
        // 100 Continue (as curl does) instead of sending 12 MiB into a closed connection.
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + steps.people() + "/import?dryRun=true"))
                .header("Authorization", "Bearer " + steps.admin)
                .header("Content-Type", "text/csv")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[12 * 1024 * 1024]))
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JsonPath.from(response.body()).getString("type"))
                    .isEqualTo(ProblemTypes.CONTENT_TOO_LARGE.toString());
        }
    }

    @Test
    void onlyAdminsAndOwnersImportEvenDryRuns() {
        String file = HEADER + "E1,Jane,,,,\n";
        csv(steps.member, true, null, file).statusCode(403).body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        csv(steps.viewer, false, null, file).statusCode(403);
        csv(TestData.login(TestData.createUser("outsider")), true, null, file).statusCode(403);
        csv(steps.owner, false, null, file).statusCode(200);
    }

    @Test
    void onePersonPerKeyAndOneVersionPerImportPagedThroughTheFeed() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add("P" + i + ",Person " + i + ",,github,person-" + i + ",");
        }
        long version = csv(steps.admin, false, null, HEADER + String.join("\n", lines)).statusCode(200)
                .extract().jsonPath().getLong("version");
        String service = TestData.serviceToken();
        String feed = "/internal/v1/orgs/" + steps.orgId + "/people";
        JsonPath page = given().auth().oauth2(service).get(feed + "?sinceVersion=1&limit=2").then()
                .statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(page.getList("changed.id"));
        while (page.getBoolean("hasMore")) {
            assertThat(page.getLong("next.sinceVersion")).isEqualTo(version);
            page = given().auth().oauth2(service).queryParams(Map.of("sinceVersion", page.getLong("next.sinceVersion"),
                    "afterId", page.getString("next.afterId"), "limit", 2)).get(feed).then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("changed.id"));
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        given().auth().oauth2(service).get(feed + "?sinceVersion=" + version).then().body("changed", hasSize(0));
    }

    private long feedVersion() {
        return given().auth().oauth2(TestData.serviceToken())
                .get("/internal/v1/orgs/" + steps.orgId + "/people?limit=1").then().statusCode(200)
                .extract().jsonPath().getLong("version");
    }

    private ValidatableResponse csv(String token, boolean dryRun, String onConflict, String body) {
        return post(token, dryRun, onConflict, "text/csv", body);
    }

    private ValidatableResponse json(String token, boolean dryRun, String onConflict, String body) {
        return post(token, dryRun, onConflict, "application/json", body);
    }

    private ValidatableResponse post(String token, boolean dryRun, String onConflict, String type, String body) {
        String query = "?dryRun=" + dryRun + (onConflict == null ? "" : "&onConflict=" + onConflict);
        return given().auth().oauth2(token).contentType(type + "; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(steps.people() + "/import" + query).then();
    }
}
