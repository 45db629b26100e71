package io.devhealth.identity.credential.rest;

import static io.devhealth.identity.credential.CredentialSteps.credentials;
import static io.devhealth.identity.credential.CredentialSteps.readSecret;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.identity.credential.CredentialSteps;
import io.devhealth.identity.credential.service.SealedSecret;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The internal read of a secret (sync-service only), its audit, and what is stored: ciphertext only, bound to its
 * organization and credential.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalCredentialResourceTests {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UNREADABLE = ProblemTypes.CREDENTIAL_UNREADABLE.toString();

    private String service;
    private String owner;
    private String org;
    private UUID orgId;

    @BeforeEach
    void organization() {
        service = TestData.serviceToken();
        TestUser user = TestData.createUser("owner");
        owner = TestData.login(user);
        org = TestData.unique("secrets");
        orgId = TestData.createOrg(owner, org);
    }

    @Test
    void serviceReadsTheSecretExactlyAsSentAndEveryReadIsAudited() {
        String secret = "  line one\n\tλ ünïcode 🔑  ";
        UUID id = CredentialSteps.create(owner, org, "gitlab", "exact", secret);
        UUID run = CredentialSteps.claimRun(service,
                TestData.createGitConfiguration(owner, org, "reader", null));

        readSecret(service, orgId, id, run).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("id", equalTo(id.toString()))
                .body("orgId", equalTo(orgId.toString()))
                .body("provider", equalTo("gitlab"))
                .body("name", equalTo("exact"))
                .body("metadata", equalTo(Map.of()))
                .body("secret", equalTo(secret));
        // The body is optional: without it, no run is recorded.
        given().auth().oauth2(service).contentType(ContentType.JSON)
                .post("/internal/v1/orgs/" + orgId + "/credentials/" + id + "/secret")
                .then().statusCode(200).body("secret", equalTo(secret));

        given().auth().oauth2(owner).get(credentials(org) + "/" + id)
                .then().statusCode(200).body("lastUsedAt", notNullValue());
        given().auth().oauth2(owner).get(credentials(org) + "/" + id + "/reads").then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.reader", contains("sync-service", "sync-service"))
                .body("items.syncRunId", contains(null, run.toString()))
                .body("items[0].readAt", notNullValue())
                .body("items[0].credentialId", equalTo(id.toString()));
        given().auth().oauth2(owner).get(credentials(org) + "/" + id + "/reads?limit=1&offset=1").then()
                .statusCode(200).body("items.syncRunId", contains(run.toString())).body("total", equalTo(2));
    }

    @Test
    void onlyServiceTokensMayReadSecrets() {
        UUID id = CredentialSteps.create(owner, org, "github", "guarded", "ghp_guarded");

        readSecret(owner, orgId, id, null).statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        readSecret(TestData.adminToken(), orgId, id, null).statusCode(403);
        given().contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/orgs/" + orgId + "/credentials/" + id + "/secret")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(owner).get(credentials(org) + "/" + id + "/reads")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anotherOrganizationsCredentialOrRunIsRefused() {
        UUID id = CredentialSteps.create(owner, org, "github", "mine", "ghp_mine");
        String otherOrg = TestData.unique("other");
        UUID otherOrgId = TestData.createOrg(owner, otherOrg);
        UUID otherRun = CredentialSteps.claimRun(service,
                TestData.createGitConfiguration(owner, otherOrg, "theirs", null));

        readSecret(service, otherOrgId, id, null).statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        readSecret(service, orgId, UUID.randomUUID(), null).statusCode(404);
        given().auth().oauth2(service).contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/orgs/not-a-uuid/credentials/" + id + "/secret")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        readSecret(service, orgId, id, otherRun).statusCode(422)
                .body("violations.field", contains("runId"));
        readSecret(service, orgId, id, UUID.randomUUID()).statusCode(422);
        given().auth().oauth2(service).contentType(ContentType.JSON).body("{\"runId\": \"not-a-uuid\"}")
                .post("/internal/v1/orgs/" + orgId + "/credentials/" + id + "/secret")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        // Refused reads are not audited and do not count as uses.
        given().auth().oauth2(owner).get(credentials(org) + "/" + id).then().body("lastUsedAt", nullValue());
        given().auth().oauth2(owner).get(credentials(org) + "/" + id + "/reads").then().body("total", equalTo(0));
    }

    @Test
    void theStoredRowHoldsNeitherThePlaintextNorAnEncodingOfIt() {
        String secret = CredentialSteps.uniqueSecret("stored");
        UUID id = CredentialSteps.create(owner, org, "jira", "at-rest", secret);
        readSecret(service, orgId, id, null).statusCode(200);

        SealedSecret stored = CredentialSteps.stored(id);
        byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(stored.ciphertext(), plaintext)).isEqualTo(-1);
        assertThat(indexOf(stored.wrappedDataKey(), plaintext)).isEqualTo(-1);
        // Nonce and tag: the ciphertext is 28 bytes longer than the secret; the data key is 32 bytes, wrapped 60.
        assertThat(stored.ciphertext()).hasSize(plaintext.length + 28);
        assertThat(stored.wrappedDataKey()).hasSize(60);
        assertThat(stored.masterKeyId()).isEqualTo("local-test-b");
        String row = CredentialSteps.rowText("integration_credentials", id);
        String reads = CredentialSteps.rowText("credential_reads", CredentialSteps.readIds(id).getFirst());
        assertThat(row).contains(id.toString());
        assertThat(reads).contains(id.toString());
        for (String encoded : CredentialSteps.encodings(secret)) {
            assertThat(row).doesNotContain(encoded);
            assertThat(reads).doesNotContain(encoded);
        }
    }

    @Test
    void aTamperedCiphertextOrWrappedKeyIsAProblemWithoutThePlaintext() {
        String secret = CredentialSteps.uniqueSecret("tampered");
        UUID ciphertext = CredentialSteps.create(owner, org, "github", "bad-ciphertext", secret);
        UUID wrappedKey = CredentialSteps.create(owner, org, "github", "bad-wrapped-key", secret);
        CredentialSteps.flipByte(ciphertext, "encrypted_secret", 19);
        CredentialSteps.flipByte(wrappedKey, "wrapped_data_key", 29);

        for (UUID id : new UUID[] { ciphertext, wrappedKey }) {
            String problem = readSecret(service, orgId, id, null)
                    .statusCode(409)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo(UNREADABLE))
                    .extract().asString();
            assertThat(problem).contains(id.toString()).doesNotContain(secret);
        }
        // The admin API still shows the metadata, and replacing the secret repairs the row.
        given().auth().oauth2(owner).get(credentials(org) + "/" + ciphertext).then().statusCode(200);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("secret", "fresh-secret"))
                .put(credentials(org) + "/" + ciphertext + "/secret").then().statusCode(200);
        readSecret(service, orgId, ciphertext, null).statusCode(200).body("secret", equalTo("fresh-secret"));
    }

    @Test
    void aRowCopiedToAnotherCredentialOrMovedToAnotherOrganizationDoesNotDecrypt() {
        String secret = CredentialSteps.uniqueSecret("copied");
        UUID original = CredentialSteps.create(owner, org, "gitlab", "original", secret);
        UUID copy = UUID.randomUUID();
        TestData.update("""
                INSERT INTO integration_credentials (id, organization_id, provider, name, encrypted_secret, key_id,
                                                     wrapped_data_key, secret_fingerprint)
                SELECT ?, organization_id, provider, 'copy', encrypted_secret, key_id, wrapped_data_key,
                       secret_fingerprint
                FROM integration_credentials WHERE id = ?""", copy, original);
        readSecret(service, orgId, copy, null).statusCode(409).body("type", equalTo(UNREADABLE));

        String otherOrg = TestData.unique("thief");
        UUID otherOrgId = TestData.createOrg(owner, otherOrg);
        TestData.update("UPDATE integration_credentials SET organization_id = ? WHERE id = ?", otherOrgId, original);
        String problem = readSecret(service, otherOrgId, original, null)
                .statusCode(409).body("type", equalTo(UNREADABLE)).extract().asString();
        assertThat(problem).doesNotContain(secret);
        // Moved back, it decrypts again: the failure was the binding, not damage.
        TestData.update("UPDATE integration_credentials SET organization_id = ? WHERE id = ?", orgId, original);
        readSecret(service, orgId, original, null).statusCode(200).body("secret", equalTo(secret));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
