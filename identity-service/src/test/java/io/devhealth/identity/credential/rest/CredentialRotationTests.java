package io.devhealth.identity.credential.rest;

import static io.devhealth.identity.credential.CredentialSteps.KEY_A;
import static io.devhealth.identity.credential.CredentialSteps.KEY_B;
import static io.devhealth.identity.credential.CredentialSteps.KEY_RETIRED;
import static io.devhealth.identity.credential.CredentialSteps.readSecret;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.credential.CredentialSteps;
import io.devhealth.identity.credential.service.CredentialCipher;
import io.devhealth.identity.credential.service.SealedSecret;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Master key rotation. The test profile is a deployment in the middle of one: local-test-b is primary and
 * local-test-a still configured. Rows written before the switch are sealed here with a cipher whose primary is
 * local-test-a (what the deployment had before), and one with a key the deployment no longer has.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialRotationTests {

    private static final String REWRAP = "/api/v1/identity/admin/credentials/rewrap";

    @Test
    void rewrapMovesOldRowsUnderThePrimaryKeyKeepsThemReadableAndIsIdempotent() throws Exception {
        String superuser = TestData.adminToken();
        String service = TestData.serviceToken();
        String owner = TestData.login(TestData.createUser("owner"));
        String org = TestData.unique("rotation");
        UUID orgId = TestData.createOrg(owner, org);
        CredentialCipher before = CredentialSteps.cipher(KEY_A);
        UUID current = CredentialSteps.create(owner, org, "github", "current", "secret-current");
        UUID old1 = CredentialSteps.insert(before, orgId, "github", "old-1", "secret-old-1");
        UUID old2 = CredentialSteps.insert(before, orgId, "jira", "old-2", "secret-old-2");
        UUID lost = CredentialSteps.insert(CredentialSteps.cipher(KEY_RETIRED), orgId, "gitlab", "lost", "secret-lost");
        byte[] old1Ciphertext = CredentialSteps.stored(old1).ciphertext();
        try {
            // Rows under the old key stay readable while it is configured; rows under an unknown key are not.
            readSecret(service, orgId, old1, null).statusCode(200).body("secret", equalTo("secret-old-1"));
            readSecret(service, orgId, lost, null).statusCode(409)
                    .body("type", equalTo(ProblemTypes.CREDENTIAL_UNREADABLE.toString()));

            given().auth().oauth2(owner).post(REWRAP).then().statusCode(403)
                    .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
            ValidatableResponse first = rewrap(superuser)
                    .body("primaryKeyId", equalTo("local-test-b"))
                    .body("rewrapped", equalTo(2))
                    .body("failed", equalTo(1))
                    .body("failedCredentialIds", equalTo(List.of(lost.toString())));
            int alreadyCurrent = first.extract().path("alreadyCurrent");
            assertThat(alreadyCurrent).isPositive();

            for (UUID id : List.of(current, old1, old2)) {
                assertThat(CredentialSteps.stored(id).masterKeyId()).isEqualTo("local-test-b");
            }
            assertThat(CredentialSteps.stored(lost).masterKeyId()).isEqualTo("retired-2019");
            // Only the data key moved: the secret's ciphertext is the same bytes.
            assertThat(CredentialSteps.stored(old1).ciphertext()).isEqualTo(old1Ciphertext);
            readSecret(service, orgId, old1, null).statusCode(200).body("secret", equalTo("secret-old-1"));
            readSecret(service, orgId, old2, null).statusCode(200).body("secret", equalTo("secret-old-2"));
            // Key A may now go: a deployment with key B alone decrypts the re-wrapped rows.
            SealedSecret rewrapped = CredentialSteps.stored(old2);
            assertThat(CredentialSteps.cipher(KEY_B).open(orgId, old2, rewrapped)).isEqualTo("secret-old-2");
            assertThat(CredentialSteps.cipher(KEY_A).isConfigured("local-test-b")).isFalse();

            rewrap(superuser)
                    .body("rewrapped", equalTo(0))
                    .body("alreadyCurrent", equalTo(alreadyCurrent + 2))
                    .body("failed", equalTo(1));
        } finally {
            // Leave no unreadable row behind for the next run of the re-wrap.
            TestData.update("DELETE FROM integration_credentials WHERE id = ?", lost);
        }
    }

    private static ValidatableResponse rewrap(String token) {
        return given().auth().oauth2(token).post(REWRAP).then().statusCode(200);
    }
}
