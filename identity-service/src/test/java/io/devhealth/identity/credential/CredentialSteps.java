package io.devhealth.identity.credential;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.devhealth.identity.TestData;
import io.devhealth.identity.credential.service.CredentialCipher;
import io.devhealth.identity.credential.service.MasterKeyring;
import io.devhealth.identity.credential.service.SealedSecret;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Credential fixtures: API calls, the test profile's master keys, and direct access to the stored rows. */
public final class CredentialSteps {

    /** The test profile's keys (application.properties, %test): local-test-b is primary, local-test-a the old one. */
    public static final String KEY_A = "local-test-a:0Ju+tDQf92HT4XWTHVlTyyLlU4BF1mwlt1Z6zo6UJ5I=";
    public static final String KEY_B = "local-test-b:FpsAy0SNqNKVyRowuwJnd863FzsNBCjAnn7Xrm9ttwQ=";
    /** A key the application does not know (retired too early). */
    public static final String KEY_RETIRED = "retired-2019:2Wp1Nd3Rb5zxGWnmsUbdm0oNs7PCzMpMwP9lLGo4BrY=";

    private CredentialSteps() {
    }

    /** A cipher as a deployment with these keys (the first primary) would have it. */
    public static CredentialCipher cipher(String... keys) {
        String primary = keys[0].substring(0, keys[0].indexOf(':'));
        return new CredentialCipher(MasterKeyring.parse(Optional.of(List.of(keys)), Optional.of(primary)));
    }

    public static String credentials(String org) {
        return "/api/v1/identity/orgs/" + org + "/credentials";
    }

    public static Map<String, Object> body(String provider, String name, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("name", name);
        body.put("secret", secret);
        return body;
    }

    public static ValidatableResponse create(String token, String org, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(credentials(org))
                .then();
    }

    /** Creates a credential through the API; returns its id. */
    public static UUID create(String token, String org, String provider, String name, String secret) {
        return UUID.fromString(create(token, org, body(provider, name, secret)).statusCode(201).extract().path("id"));
    }

    /** The internal read of a secret, as sync-service does it. */
    public static ValidatableResponse readSecret(String token, UUID orgId, UUID id, UUID runId) {
        Map<String, Object> body = new HashMap<>();
        body.put("runId", runId == null ? null : runId.toString());
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/internal/v1/orgs/" + orgId + "/credentials/" + id + "/secret")
                .then();
    }

    /** Claims a run of the sync configuration, as sync-service does before it reads the credential; its id. */
    public static UUID claimRun(String serviceToken, UUID configuration) {
        return UUID.fromString(given().auth().oauth2(serviceToken).contentType(ContentType.JSON)
                .body(Map.of("syncConfigurationId", configuration.toString(), "trigger", "manual",
                        "holder", "credential-tests", "leaseSeconds", 60))
                .when().post("/internal/v1/sync-runs")
                .then().statusCode(201)
                .extract().path("id"));
    }

    /** The stored row's envelope. */
    public static SealedSecret stored(UUID id) {
        try (Connection connection = TestData.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT encrypted_secret, "
                        + "wrapped_data_key, key_id FROM integration_credentials WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no credential " + id);
                }
                return new SealedSecret(row.getBytes(1), row.getBytes(2), row.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tampers with a stored credential: every bit of byte {@code index} (from 0) of {@code column}
     * ({@code encrypted_secret} or {@code wrapped_data_key}) flipped, so the row always changes (writing a fixed value
     * left it intact when the byte already held that value).
     */
    public static void flipByte(UUID id, String column, int index) {
        if (!column.equals("encrypted_secret") && !column.equals("wrapped_data_key")) {
            throw new IllegalArgumentException("not a sealed column: " + column);
        }
        int updated = TestData.update("UPDATE integration_credentials SET " + column + " = set_byte(" + column + ", ?, "
                + "get_byte(" + column + ", ?) # 255) WHERE id = ?", index, index, id);
        if (updated != 1) {
            throw new IllegalStateException("no credential " + id);
        }
    }

    /** The whole row as PostgreSQL renders it (bytea in hex), for "the plaintext is not in there" checks. */
    public static String rowText(String table, UUID id) {
        try (Connection connection = TestData.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT t::text FROM " + table + " t WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the credential's audited reads. */
    public static List<UUID> readIds(UUID credentialId) {
        try (Connection connection = TestData.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id FROM credential_reads WHERE credential_id = ? ORDER BY created_at")) {
            statement.setObject(1, credentialId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a credential sealed by {@code cipher} (another deployment's keys), as if written before a rotation. */
    public static UUID insert(CredentialCipher cipher, UUID orgId, String provider, String name, String secret) {
        UUID id = UUID.randomUUID();
        SealedSecret sealed = cipher.seal(orgId, id, secret);
        TestData.update("""
                INSERT INTO integration_credentials (id, organization_id, provider, name, encrypted_secret, key_id,
                                                     wrapped_data_key, secret_fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, orgId, provider, name, sealed.ciphertext(),
                sealed.masterKeyId(), sealed.wrappedDataKey(), cipher.fingerprint(secret));
        return id;
    }

    /** The forms a leaked secret could take in text: as is, base64 (both alphabets) and hex of its UTF-8. */
    public static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes));
    }

    /** A secret no other test uses, long enough that a chance match is impossible. */
    public static String uniqueSecret(String label) {
        return label + "-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }
}
