package io.devhealth.identity.org.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Organization reads are authorized from a short-lived cache (CallerAccessCache): every change made through the
 * API shows at the very next request, and a change made behind the service's back (another replica, SQL) within
 * {@code devhealth.auth.access-cache-ttl}. Each test first reads twice, so the second answer comes from the cache.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OrgAccessChangesTests {

    private static final String ORGS = "/api/v1/identity/orgs/";

    private String org;
    private UUID orgId;
    private String ownerToken;
    private TestUser member;
    private String memberToken;

    @BeforeEach
    void organizationWithAMember() {
        ownerToken = TestData.login(TestData.createUser("c-owner"));
        org = TestData.unique("cached");
        orgId = TestData.createOrg(ownerToken, org);
        member = TestData.createUser("c-member");
        TestData.addMember(orgId, member.id(), OrgRole.MEMBER);
        memberToken = TestData.login(member);
        readTwice(memberToken, ORGS + org).statusCode(200);
        readTwice(memberToken, members()).statusCode(200);
    }

    @Test
    void aRoleChangeShowsAtTheNextRequest() {
        changeRole("viewer").statusCode(200);
        read(memberToken, members()).statusCode(403).body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        read(memberToken, ORGS + org).statusCode(200);

        changeRole("admin").statusCode(200);
        read(memberToken, members()).statusCode(200);
    }

    @Test
    void aRemovedMemberIsRefusedAtTheNextRequest() {
        given().auth().oauth2(ownerToken).delete(members() + "/" + member.id()).then().statusCode(204);

        read(memberToken, ORGS + org).statusCode(403).body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        read(memberToken, ORGS + orgId).statusCode(403);
        read(memberToken, members()).statusCode(403);
    }

    @Test
    void aDeactivatedUserIsRefusedAtTheNextRequest() {
        String superuser = TestData.adminToken();
        given().auth().oauth2(superuser).post("/api/v1/identity/users/" + member.id() + "/deactivate")
                .then().statusCode(200);
        read(memberToken, ORGS + org).statusCode(401);

        given().auth().oauth2(superuser).post("/api/v1/identity/users/" + member.id() + "/reactivate")
                .then().statusCode(200);
        read(memberToken, ORGS + org).statusCode(200);
    }

    @Test
    void aDeletedOrganizationIsGoneAtTheNextRequest() {
        given().auth().oauth2(ownerToken).delete(ORGS + org).then().statusCode(204);

        read(memberToken, ORGS + org).statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        read(memberToken, members()).statusCode(404);
    }

    @Test
    void aNewNameShowsAtTheNextRequest() {
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .patch(ORGS + org).then().statusCode(200);

        read(memberToken, ORGS + org).statusCode(200).body("name", equalTo("Renamed"));
    }

    @Test
    void anOrganizationCreatedAfterA404IsFoundAtOnce() {
        String slug = TestData.unique("later");
        readTwice(ownerToken, ORGS + slug).statusCode(404);

        TestData.createOrg(ownerToken, slug);

        read(ownerToken, ORGS + slug).statusCode(200).body("slug", equalTo(slug));
    }

    @Test
    void aChangeMadeElsewhereShowsWithinTheCacheLifetime() {
        Duration ttl = ConfigProvider.getConfig().getValue("devhealth.auth.access-cache-ttl", Duration.class);
        long started = System.nanoTime();
        TestData.update("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?", orgId, member.id());

        // Polls the observable answer (no fixed wait): it must flip within the lifetime, plus slack for a slow machine.
        Duration deadline = ttl.plusSeconds(3);
        int status;
        while ((status = read(memberToken, ORGS + org).extract().statusCode()) == 200
                && Duration.ofNanos(System.nanoTime() - started).compareTo(deadline) < 0) {
            Thread.onSpinWait();
        }
        assertThat(status).isEqualTo(403);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(deadline);
    }

    private ValidatableResponse changeRole(String role) {
        return given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch(members() + "/" + member.id()).then();
    }

    private String members() {
        return ORGS + org + "/members";
    }

    private static ValidatableResponse read(String token, String path) {
        return given().auth().oauth2(token).get(path).then();
    }

    private static ValidatableResponse readTwice(String token, String path) {
        read(token, path);
        return read(token, path);
    }
}
