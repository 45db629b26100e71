package io.devhealth.identity.setting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SettingResourceTests {

    private static final List<String> KEYS = List.of("calendar.working", "dora.hotfix",
            "dora.production-environments", "incidents.rules", "pagerduty.services", "repositories.local-roots",
            "timezone");

    private String org;
    private UUID orgId;
    private String adminToken;
    private String memberToken;
    private String viewerToken;

    @BeforeEach
    void organizationWithOneUserPerRole() {
        TestData.OrgWithRoles roles = TestData.orgWithOneUserPerRole("settings");
        org = roles.slug();
        orgId = roles.id();
        adminToken = roles.admin();
        memberToken = roles.member();
        viewerToken = roles.viewer();
    }

    @Test
    void aNewOrganizationReadsEveryKnownSettingAsItsDefault() {
        given().auth().oauth2(memberToken).get(settings())
                .then().statusCode(200)
                .body("key", contains(KEYS.toArray()))
                .body("default", everyItem(equalTo(true)))
                .body("updatedAt", everyItem(nullValue()))
                .body("find { it.key == 'pagerduty.services' }.value", equalTo(Map.of()))
                .body("find { it.key == 'timezone' }.value", equalTo("UTC"))
                .body("find { it.key == 'dora.production-environments' }.value", contains("production", "prod"))
                .body("find { it.key == 'incidents.rules' }.value.issueLabels", contains("incident"))
                .body("find { it.key == 'incidents.rules' }.value.jiraIssueTypes", contains("Incident"))
                .body("find { it.key == 'calendar.working' }.value.days", contains(1, 2, 3, 4, 5))
                .body("find { it.key == 'calendar.working' }.value.hours.start", equalTo("09:00"))
                .body("find { it.key == 'repositories.local-roots' }.value", equalTo(List.of()));
        given().auth().oauth2(memberToken).get(settings() + "/timezone")
                .then().statusCode(200)
                .body("key", equalTo("timezone"))
                .body("value", equalTo("UTC"))
                .body("default", equalTo(true))
                .body("updatedAt", nullValue());
    }

    @Test
    void adminsSetAndResetSettingsThatMembersRead() {
        put("timezone", " Europe/Berlin ").statusCode(200)
                .body("key", equalTo("timezone"))
                .body("value", equalTo("Europe/Berlin"))
                .body("default", equalTo(false))
                .body("updatedAt", notNullValue());
        given().auth().oauth2(memberToken).get(settings() + "/timezone")
                .then().statusCode(200).body("value", equalTo("Europe/Berlin")).body("default", equalTo(false));
        put("timezone", "America/New_York").statusCode(200).body("value", equalTo("America/New_York"));

        given().auth().oauth2(adminToken).delete(settings() + "/timezone").then().statusCode(204);
        given().auth().oauth2(memberToken).get(settings() + "/timezone")
                .then().statusCode(200).body("value", equalTo("UTC")).body("default", equalTo(true));
        // Resetting a known key that is not set is a no-op.
        given().auth().oauth2(adminToken).delete(settings() + "/timezone").then().statusCode(204);
    }

    @Test
    void valuesAreStoredNormalized() {
        put("dora.production-environments", List.of(" production ", "prod-*")).statusCode(200)
                .body("value", contains("production", "prod-*"));
        put("incidents.rules", Map.of("issueLabels", List.of("sev1", "incident"), "pagerDutyServiceIds",
                List.of("PABC123"))).statusCode(200)
                .body("value.issueLabels", contains("sev1", "incident"))
                .body("value.jiraIssueTypes", equalTo(List.of()))
                .body("value.jiraLabels", equalTo(List.of()))
                .body("value.pagerDutyServiceIds", contains("PABC123"));
        put("dora.hotfix", Map.of("pullRequestLabels", List.of(" sev1 ", "Hotfix"))).statusCode(200)
                .body("value.pullRequestLabels", contains("sev1", "Hotfix"))
                .body("value.refPatterns", hasItem("hotfix/*"));
        put("calendar.working", Map.of("days", List.of(5, 1, 3), "holidays", List.of("2026-12-31", "2026-12-25")))
                .statusCode(200)
                .body("value.days", contains(1, 3, 5))
                .body("value.hours.start", equalTo("09:00"))
                .body("value.hours.end", equalTo("17:00"))
                .body("value.holidays", contains("2026-12-25", "2026-12-31"));
        put("calendar.working", Map.of("hours", Map.of("start", "08:30", "end", "16:00"))).statusCode(200)
                .body("value.hours.start", equalTo("08:30"))
                .body("value.days", contains(1, 2, 3, 4, 5));
        put("repositories.local-roots", List.of("/srv/git/acme/", "/data//repos/./team")).statusCode(200)
                .body("value", contains("/srv/git/acme", "/data/repos/team"));
        put("pagerduty.services", Map.of(" PABC123 ", Map.of("repositories", List.of(" acme/api ", "acme/platform/web"),
                "teams", List.of("payments")), "PXYZ789", Map.of("teams", List.of("sre")))).statusCode(200)
                .body("value.PABC123.repositories", contains("acme/api", "acme/platform/web"))
                .body("value.PABC123.teams", contains("payments"))
                .body("value.PXYZ789.repositories", equalTo(List.of()))
                .body("value.PXYZ789.teams", contains("sre"));

        given().auth().oauth2(memberToken).get(settings())
                .then().statusCode(200)
                .body("find { it.key == 'repositories.local-roots' }.value", contains("/srv/git/acme", "/data/repos/team"))
                .body("find { it.key == 'repositories.local-roots' }.default", equalTo(false))
                .body("find { it.key == 'timezone' }.default", equalTo(true));
    }

    @Test
    void valuesThatDoNotFitTheirKeyAre422NamingThePart() {
        assertInvalid("timezone", "Mars/Olympus", "value");
        assertInvalid("timezone", "+02:00", "value");
        assertInvalid("timezone", 42, "value");
        assertInvalid("timezone", "Europe/Ber\u0000lin", "value");
        assertInvalid("dora.production-environments", List.of(), "value");
        assertInvalid("dora.production-environments", List.of("prod", "PROD"), "value[1]");
        assertInvalid("dora.production-environments", List.of("prod", " "), "value[1]");
        assertInvalid("dora.production-environments", List.of("x".repeat(101)), "value[0]");
        assertInvalid("dora.production-environments", List.of("pro\u0000d"), "value[0]");
        assertInvalid("dora.production-environments", "production", "value");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add("env-" + i);
        }
        assertInvalid("dora.production-environments", tooMany, "value");
        assertInvalid("incidents.rules", Map.of("labels", List.of("incident")), "value.labels");
        assertInvalid("incidents.rules", Map.of("jiraIssueTypes", "Incident"), "value.jiraIssueTypes");
        assertInvalid("incidents.rules", Map.of("pagerDutyServiceIds", List.of("not an id")),
                "value.pagerDutyServiceIds[0]");
        assertInvalid("incidents.rules", List.of("incident"), "value");
        assertInvalid("dora.hotfix", Map.of("refs", List.of("hotfix/*")), "value.refs");
        assertInvalid("dora.hotfix", Map.of("refPatterns", List.of("")), "value.refPatterns[0]");
        assertInvalid("dora.hotfix", Map.of("pullRequestLabels", "hotfix"), "value.pullRequestLabels");
        assertInvalid("pagerduty.services", List.of("PABC123"), "value");
        assertInvalid("pagerduty.services", Map.of("not an id", Map.of()), "value.not an id");
        assertInvalid("pagerduty.services", Map.of("PABC123", List.of("acme/api")), "value.PABC123");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("repos", List.of("acme/api"))),
                "value.PABC123.repos");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("repositories", List.of("api"))),
                "value.PABC123.repositories[0]");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("repositories", List.of("acme/api", "ACME/API"))),
                "value.PABC123.repositories[1]");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("repositories", "acme/api")),
                "value.PABC123.repositories");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("teams", List.of("pay\u0000ments"))),
                "value.PABC123.teams[0]");
        assertInvalid("pagerduty.services", Map.of("PABC123", Map.of("teams", List.of("x".repeat(101)))),
                "value.PABC123.teams[0]");
        Map<String, Object> tooManyServices = new HashMap<>();
        for (int i = 0; i < 501; i++) {
            tooManyServices.put("P" + i, Map.of());
        }
        assertInvalid("pagerduty.services", tooManyServices, "value");
        assertInvalid("calendar.working", Map.of("days", List.of(0)), "value.days[0]");
        assertInvalid("calendar.working", Map.of("days", List.of(1, 1)), "value.days[1]");
        assertInvalid("calendar.working", Map.of("days", List.of(1.5)), "value.days[0]");
        assertInvalid("calendar.working", Map.of("hours", Map.of("start", "17:00", "end", "09:00")), "value.hours.end");
        assertInvalid("calendar.working", Map.of("hours", Map.of("start", "25:00", "end", "26:00")), "value.hours.start");
        assertInvalid("calendar.working", Map.of("hours", Map.of("start", "09:00")), "value.hours.end");
        assertInvalid("calendar.working", Map.of("holidays", List.of("2026-02-30")), "value.holidays[0]");
        assertInvalid("calendar.working", Map.of("weekends", List.of(6, 7)), "value.weekends");
        assertInvalid("repositories.local-roots", List.of("srv/git"), "value[0]");
        assertInvalid("repositories.local-roots", List.of("/srv/git/../../etc"), "value[0]");
        assertInvalid("repositories.local-roots", List.of("/srv/git\u0000/x"), "value[0]");
        assertInvalid("repositories.local-roots", List.of("/" + "a".repeat(4096)), "value[0]");
        assertInvalid("repositories.local-roots", List.of("/srv/git", "/srv/git/"), "value[1]");
        Map<String, Object> missing = new HashMap<>();
        missing.put("value", null);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(missing)
                .when().put(settings() + "/timezone")
                .then().statusCode(422).body("violations.field", contains("value"));
        // Nothing of the above was stored.
        given().auth().oauth2(memberToken).get(settings())
                .then().statusCode(200).body("default", everyItem(equalTo(true)));
    }

    @Test
    void unknownKeysAre422ToSetAnd404ToReadOrReset() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("value", "x"))
                .when().put(settings() + "/no.such-key")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", contains("key"));
        given().auth().oauth2(memberToken).get(settings() + "/no.such-key")
                .then().statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(memberToken).get(settings() + "/NOT A KEY")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(adminToken).delete(settings() + "/no.such-key").then().statusCode(404);
    }

    @Test
    void aStoredKeyThisVersionDoesNotKnowCanBeReadAndDeleted() {
        TestData.update("INSERT INTO settings (organization_id, key, value) VALUES (?, 'legacy.flag', 'true'::jsonb)",
                orgId);
        given().auth().oauth2(memberToken).get(settings())
                .then().statusCode(200).body("key", hasItems("legacy.flag", "timezone"));
        given().auth().oauth2(memberToken).get(settings() + "/legacy.flag")
                .then().statusCode(200).body("value", equalTo(true)).body("default", equalTo(false));
        given().auth().oauth2(adminToken).delete(settings() + "/legacy.flag").then().statusCode(204);
        given().auth().oauth2(memberToken).get(settings() + "/legacy.flag").then().statusCode(404);
    }

    @Test
    void malformedBodiesAre400() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"value\": ")
                .when().put(settings() + "/timezone")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("[1, 2]")
                .when().put(settings() + "/timezone")
                .then().statusCode(400);
    }

    @Test
    void membersReadAndOnlyAdminsWrite() {
        put(memberToken, "timezone", "Europe/Berlin").statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().auth().oauth2(memberToken).delete(settings() + "/timezone").then().statusCode(403);
        given().auth().oauth2(viewerToken).get(settings()).then().statusCode(403);
        given().auth().oauth2(viewerToken).get(settings() + "/timezone").then().statusCode(403);
        String outsider = TestData.login(TestData.createUser("stranger"));
        given().auth().oauth2(outsider).get(settings()).then().statusCode(403);
        put(outsider, "timezone", "Europe/Berlin").statusCode(403);
        given().get(settings()).then().statusCode(401);
        given().auth().oauth2(adminToken).get("/api/v1/identity/orgs/" + TestData.unique("missing") + "/settings")
                .then().statusCode(404);
        // An organization's settings are its own.
        String otherOrg = TestData.unique("other");
        TestData.createOrg(adminToken, otherOrg);
        put("timezone", "Asia/Tokyo").statusCode(200);
        given().auth().oauth2(adminToken).get("/api/v1/identity/orgs/" + otherOrg + "/settings/timezone")
                .then().statusCode(200).body("value", equalTo("UTC"));
    }

    @Test
    void servicesReadEveryKnownSettingOfAnOrganization() {
        put("timezone", "Europe/Berlin").statusCode(200);
        put("repositories.local-roots", List.of("/srv/git/acme")).statusCode(200);
        String service = TestData.serviceToken();

        given().auth().oauth2(service).get("/internal/v1/orgs/" + orgId + "/settings")
                .then().statusCode(200)
                .body("orgId", equalTo(orgId.toString()))
                .body("settings.timezone", equalTo("Europe/Berlin"))
                .body("settings.'repositories.local-roots'", contains("/srv/git/acme"))
                .body("settings.'dora.production-environments'", contains("production", "prod"));
        given().auth().oauth2(service).get("/internal/v1/orgs/" + UUID.randomUUID() + "/settings")
                .then().statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(adminToken).get("/internal/v1/orgs/" + orgId + "/settings")
                .then().statusCode(403);
        given().get("/internal/v1/orgs/" + orgId + "/settings").then().statusCode(401);
    }

    private String settings() {
        return "/api/v1/identity/orgs/" + org + "/settings";
    }

    private ValidatableResponse put(String key, Object value) {
        return put(adminToken, key, value);
    }

    private ValidatableResponse put(String token, String key, Object value) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("value", value))
                .when().put(settings() + "/" + key)
                .then();
    }

    private void assertInvalid(String key, Object value, String field) {
        put(key, value)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", contains(field));
    }
}
