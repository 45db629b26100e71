package io.devhealth.analytics.org;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.AnalyticsTables;
import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Who may read which org: identity-service decides for every token (answers reused per token and org for a while),
 * 401 for bad tokens and for tokens identity no longer accepts.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class OrgAccessTests {

    private static final UUID INITECH = UUID.randomUUID();
    private static final UUID UMBRELLA = UUID.randomUUID();
    private static final OrgGrant INITECH_MEMBER = new OrgGrant(INITECH, "initech", OrgRole.MEMBER);

    @InjectIdentityStub
    IdentityStub identity;

    @Inject
    JWTParser jwtParser;

    @BeforeAll
    static void repos() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(INITECH, UUID.randomUUID(), "initech/tps", 1);
        tables.repo(UMBRELLA, UUID.randomUUID(), "umbrella/hive", 1);
    }

    @Test
    void aMemberReadsItsOrgBySlugOrIdAndIdentityConfirmsOncePerTokenAndOrg() {
        String token = identity.token(INITECH_MEMBER);
        for (String org : new String[] { "initech", INITECH.toString(), "initech", INITECH.toString() }) {
            repos(token, org).statusCode(200).body("items.fullName", contains("initech/tps"));
        }
        assertThat(identity.orgLookups("initech")).containsExactly("Bearer " + token);
        assertThat(identity.orgLookups(INITECH.toString())).containsExactly("Bearer " + token);
    }

    @Test
    void aTokenIdentityNoLongerAcceptsReadsNothingThoughItIsSignedAndUnexpired() {
        // A deactivated user's token: its grant is still in it, identity refuses it at once.
        OrgGrant grant = new OrgGrant(UMBRELLA, "umbrella-deactivated", OrgRole.OWNER);
        identity.answersOrg("umbrella-deactivated", 401);
        assertUnauthorized(repos(identity.token(grant), "umbrella-deactivated"));
    }

    @Test
    void aViewerMayRead() {
        repos(identity.token(new OrgGrant(UMBRELLA, "umbrella", OrgRole.VIEWER)), "umbrella")
                .statusCode(200)
                .body("items.fullName", contains("umbrella/hive"));
    }

    @Test
    void anotherOrgIsForbiddenAsIdentityDecidesWithTheCallersToken() {
        identity.answersOrg("umbrella-private", 403);
        String token = identity.token(INITECH_MEMBER);

        assertProblem(repos(token, "umbrella-private"), 403, ProblemTypes.FORBIDDEN)
                .body("detail", containsString("umbrella-private"));
        assertThat(identity.orgLookups("umbrella-private")).containsExactly("Bearer " + token);
    }

    @Test
    void anUnknownOrgIsNotFound() {
        assertProblem(repos(identity.token(INITECH_MEMBER), "no-such-org"), 404, ProblemTypes.NOT_FOUND)
                .body("detail", containsString("no-such-org"));
    }

    @Test
    void aSuperuserReadsAnyOrgIdentityKnowsAndTheAnswerIsReused() {
        identity.knowsOrg("umbrella-super", UMBRELLA);
        String token = identity.superuserToken();

        repos(token, "umbrella-super").statusCode(200).body("items.fullName", contains("umbrella/hive"));
        repos(token, "umbrella-super").statusCode(200).body("items.fullName", contains("umbrella/hive"));
        assertThat(identity.orgLookups("umbrella-super")).containsExactly("Bearer " + token);
    }

    @Test
    void oneCallersCachedGrantIsNeverAnotherTokens() {
        identity.knowsOrg("umbrella-shared", UMBRELLA);
        String superuser = identity.superuserToken();
        repos(superuser, "umbrella-shared").statusCode(200).body("items.fullName", contains("umbrella/hive"));

        // Identity now refuses everyone else: a cache keyed by org alone would still let the next caller in.
        identity.answersOrg("umbrella-shared", 403);
        String outsider = identity.token(INITECH_MEMBER);
        assertProblem(repos(outsider, "umbrella-shared"), 403, ProblemTypes.FORBIDDEN);
        repos(superuser, "umbrella-shared").statusCode(200);
        assertThat(identity.orgLookups("umbrella-shared")).containsExactly("Bearer " + superuser, "Bearer " + outsider);
    }

    @Test
    void refusalsAreNotReused() {
        identity.answersOrg("umbrella-later", 403);
        String token = identity.superuserToken();
        repos(token, "umbrella-later").statusCode(403);

        identity.knowsOrg("umbrella-later", UMBRELLA);
        repos(token, "umbrella-later").statusCode(200).body("items.fullName", contains("umbrella/hive"));
    }

    @Test
    void identityFailingIsServiceUnavailable() {
        identity.answersOrg("umbrella-flaky", 500);
        assertProblem(repos(identity.superuserToken(), "umbrella-flaky"), 503, ProblemTypes.UPSTREAM_UNAVAILABLE);
        // One retry, then the caller gets the problem.
        assertThat(identity.orgLookups("umbrella-flaky")).hasSize(2);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertUnauthorized(given().when().get("/api/v1/analytics/orgs/initech/repos").then());
    }

    @Test
    void aMalformedTokenIsUnauthorized() {
        assertUnauthorized(repos("not-a-jwt", "initech"));
        assertUnauthorized(given().header("Authorization", "Basic Zm9vOmJhcg==")
                .when().get("/api/v1/analytics/orgs/initech/repos").then());
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        assertUnauthorized(repos(identity.expiredToken(INITECH_MEMBER), "initech"));
    }

    @Test
    void aForeignSignedTokenIsUnauthorized() {
        assertUnauthorized(repos(identity.foreignSignedToken(INITECH_MEMBER), "initech"));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(repos(identity.tokenForAudience("someone-else", INITECH_MEMBER), "initech"));
    }

    @Test
    void aVerifiedTokenIsKeptAndAnyChangedByteIsVerifiedAgain() throws ParseException {
        String token = identity.token(new OrgGrant(INITECH, "initech-tokens", OrgRole.MEMBER));
        assertThat(jwtParser.parse(token)).isSameAs(jwtParser.parse(token));
        repos(token, "initech-tokens").statusCode(200);

        int signature = token.lastIndexOf('.') + 20;
        String resigned = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        assertThatThrownBy(() -> jwtParser.parse(resigned)).isInstanceOf(ParseException.class);
        assertUnauthorized(repos(resigned, "initech-tokens"));
        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"initech-tokens\"", "\"umbrella-tokens\"").getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(repos(parts[0] + "." + otherClaims + "." + parts[2], "umbrella-tokens"));
        repos(token, "initech-tokens").statusCode(200);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        assertProblem(given().auth().oauth2(identity.token(INITECH_MEMBER))
                .when().get("/api/v1/analytics/orgs/initech/nothing-here").then(), 404, ProblemTypes.NOT_FOUND);
    }

    private ValidatableResponse repos(String token, String org) {
        return given().auth().oauth2(token).when().get("/api/v1/analytics/orgs/" + org + "/repos").then();
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        assertProblem(response, 401, ProblemTypes.UNAUTHORIZED).header("WWW-Authenticate", equalTo("Bearer"));
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, URI type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type.toString()))
                .body("status", equalTo(status));
    }
}
