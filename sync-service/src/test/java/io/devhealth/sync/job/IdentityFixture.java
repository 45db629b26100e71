package io.devhealth.sync.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.testengines.Engines;

/**
 * Drives the real identity-service started by {@code IdentityServiceTestResource}: logs in, creates
 * organizations and sync configurations through its public API, claims and completes runs through its internal
 * API (as another sync-service instance would), and — for what identity has no API for yet (users other than
 * the bootstrap superuser, their memberships, an expired lease) — writes identity's database directly.
 */
public final class IdentityFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Cheap hashes for test users; identity reads the iteration count from each hash. */
    private static final int TEST_HASH_ITERATIONS = 1_000;

    private static CachedToken adminToken;

    final String url;
    private final String database;
    private final String adminEmail;
    private final String adminPassword;
    private final String serviceSecret;

    /** The identity-service of the test's Quarkus configuration (its {@code IdentityServiceTestResource}). */
    public IdentityFixture() {
        this(key -> ConfigProvider.getConfig().getValue(key, String.class));
    }

    /** Outside Quarkus tests: the settings {@code IdentityServiceTestResource#start()} returned. */
    public IdentityFixture(Map<String, String> identity) {
        this(key -> Objects.requireNonNull(identity.get(key), key));
    }

    private IdentityFixture(UnaryOperator<String> config) {
        this.url = config.apply("devhealth.identity.url");
        this.database = config.apply("devhealth.test.identity.database");
        this.adminEmail = config.apply("devhealth.test.identity.admin-email");
        this.adminPassword = config.apply("devhealth.test.identity.admin-password");
        this.serviceSecret = config.apply("devhealth.service-secret");
    }

    /**
     * An access token of the bootstrap superuser, shared by the tests of one identity-service (tokens live an
     * hour; a login costs a full PBKDF2 derivation).
     */
    public String adminToken() {
        synchronized (IdentityFixture.class) {
            if (adminToken == null || !adminToken.url().equals(url)) {
                adminToken = new CachedToken(url, login(adminEmail, adminPassword));
            }
            return adminToken.token();
        }
    }

    public String login(String email, String password) {
        Answer answer = post("/api/v1/identity/auth/token", null, Map.of("email", email, "password", password));
        return (String) answer.require(200).get("accessToken");
    }

    /**
     * Creates an organization with a unique slug starting with {@code prefix}; the caller becomes its owner. The
     * organization may sync repositories under the operator's root (its {@code repositories.local-roots}).
     */
    public Org createOrg(String token, String prefix) {
        String slug = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        Map<String, Object> created = post("/api/v1/identity/orgs", token, Map.of("slug", slug, "name", "Test " + slug))
                .require(201);
        Org org = new Org(UUID.fromString((String) created.get("id")), slug);
        allowLocalRoots(token, org, List.of(IdentityServiceTestResource.LOCAL_ROOT));
        return org;
    }

    /** Sets the organization's {@code repositories.local-roots} setting. */
    public void allowLocalRoots(String token, Org org, List<String> roots) {
        put("/api/v1/identity/orgs/" + org.slug() + "/settings/repositories.local-roots", token, Map.of("value", roots))
                .require(200);
    }

    /** Creates a git sync configuration (on demand only) reading {@code repositoryPath}. */
    public UUID createGitConfiguration(String token, Org org, String repositoryPath) {
        return createConfiguration(token, org, "git", Map.of("repositoryPath", repositoryPath), null, true);
    }

    public UUID createConfiguration(String token, Org org, String provider, Map<String, Object> options,
            Integer scheduleIntervalSeconds, boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", provider + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("provider", provider);
        body.put("options", options);
        body.put("scheduleIntervalSeconds", scheduleIntervalSeconds);
        body.put("enabled", enabled);
        Map<String, Object> created = post("/api/v1/identity/orgs/" + org.slug() + "/sync-configurations", token, body)
                .require(201);
        return UUID.fromString((String) created.get("id"));
    }

    /**
     * A sync configuration written straight into identity's database, for providers identity's API does not
     * accept yet (the schema does: git, github, gitlab, jira, pagerduty).
     */
    public UUID insertConfiguration(Org org, String provider, String optionsJson) {
        UUID id = UUID.randomUUID();
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO sync_configurations (id, organization_id, name, provider, options)
                        VALUES (?, ?, ?, ?, ?::jsonb)""")) {
            insert.setObject(1, id);
            insert.setObject(2, org.id());
            insert.setString(3, provider + "-" + id.toString().substring(0, 8));
            insert.setString(4, provider);
            insert.setString(5, optionsJson);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert a sync configuration into identity's database", e);
        }
        return id;
    }

    /** A configuration of {@code provider} reading its secret from {@code credentialId}, on demand only. */
    public UUID createConfiguration(String token, Org org, String provider, Map<String, Object> options,
            UUID credentialId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", provider + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("provider", provider);
        body.put("options", options);
        body.put("credentialId", credentialId.toString());
        Map<String, Object> created = post("/api/v1/identity/orgs/" + org.slug() + "/sync-configurations", token, body)
                .require(201);
        return UUID.fromString((String) created.get("id"));
    }

    /** A read of a credential's secret as identity audited it. */
    public record CredentialRead(UUID runId, String reader) {
    }

    /** The reads identity's audit recorded for {@code credentialId}, oldest first. */
    public List<CredentialRead> credentialReads(UUID credentialId) {
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement select = connection.prepareStatement("SELECT sync_run_id, reader FROM credential_reads"
                        + " WHERE credential_id = ? ORDER BY created_at")) {
            select.setObject(1, credentialId);
            List<CredentialRead> reads = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reads.add(new CredentialRead(rows.getObject(1, UUID.class), rows.getString(2)));
                }
            }
            return reads;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read identity's credential audit", e);
        }
    }

    /** An integration credential of {@code org} for {@code provider} holding {@code secret}. */
    public UUID createCredential(String token, Org org, String provider, String secret) {
        return createCredential(token, org, provider, secret, Map.of());
    }

    /** A credential with non-secret {@code metadata} (e.g. a Jira API token's account {@code email}). */
    public UUID createCredential(String token, Org org, String provider, String secret, Map<String, String> metadata) {
        Map<String, Object> created = post("/api/v1/identity/orgs/" + org.slug() + "/credentials", token,
                Map.of("provider", provider, "name", provider + "-" + UUID.randomUUID().toString().substring(0, 8),
                        "secret", secret, "metadata", metadata)).require(201);
        return UUID.fromString((String) created.get("id"));
    }

    /**
     * Brings the next fire time of the configurations' cron schedules to now — what the clock does at a fire time,
     * without waiting for a minute boundary (a cron schedule's finest step). Their next scheduled claim moves it on.
     */
    public void makeDue(List<UUID> configurationIds) {
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sync_configurations SET schedule_next_run_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("uuid", configurationIds.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make sync configurations due", e);
        }
    }

    /** The configuration's runs as identity's database holds them, oldest first. */
    public List<RunRecord> runs(UUID configurationId) {
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement select = connection.prepareStatement("""
                        SELECT id, trigger, status, lease_holder, started_at, finished_at, error FROM sync_runs
                        WHERE sync_configuration_id = ? ORDER BY started_at, id""")) {
            select.setObject(1, configurationId);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp finished = rows.getTimestamp(6);
                    runs.add(new RunRecord(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getTimestamp(5).toInstant(),
                            finished == null ? null : finished.toInstant(), rows.getString(7)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the runs of sync configuration " + configurationId, e);
        }
    }

    /** A row of identity's {@code sync_runs}; {@code finishedAt} and {@code error} may be null. */
    public record RunRecord(UUID id, String trigger, String status, String leaseHolder, Instant startedAt,
            Instant finishedAt, String error) {
    }

    /** A service token, as sync-service obtains it. */
    public String serviceToken() {
        return (String) post("/internal/v1/auth/service-token", null,
                Map.of("clientId", "sync-service", "clientSecret", serviceSecret)).require(200).get("accessToken");
    }

    /** {@code POST /internal/v1/sync-runs} as another sync-service instance ({@code holder}). */
    public Answer claim(UUID configurationId, String holder, int leaseSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("syncConfigurationId", configurationId.toString());
        body.put("trigger", "manual");
        body.put("requestedBy", null);
        body.put("holder", holder);
        body.put("leaseSeconds", leaseSeconds);
        return post("/internal/v1/sync-runs", serviceToken(), body);
    }

    public Answer complete(UUID runId, String holder, String status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holder", holder);
        body.put("status", status);
        body.put("itemsProcessed", 0);
        body.put("counts", Map.of());
        body.put("error", error);
        body.put("cursor", null);
        return post("/internal/v1/sync-runs/" + runId + "/complete", serviceToken(), body);
    }

    /** identity's public view of a run (as the superuser). */
    public Map<String, Object> run(Org org, UUID runId) {
        return get("/api/v1/identity/orgs/" + org.slug() + "/sync-runs/" + runId, adminToken()).require(200);
    }

    /**
     * A user with a password and, when {@code role} is not null, a membership in {@code org} — written to
     * identity's database in identity's own formats (PBKDF2-SHA256 hash), since identity has no user API yet.
     */
    public String createUserToken(Org org, String role) {
        UUID userId = UUID.randomUUID();
        String email = "user-" + userId.toString().substring(0, 8) + "@example.test";
        String password = "password-" + userId;
        try (Connection connection = Engines.postgres().connect(database)) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (id, email, display_name, password_hash) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, userId);
                insert.setString(2, email);
                insert.setString(3, "Test " + role);
                insert.setString(4, hash(password));
                insert.executeUpdate();
            }
            if (role != null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)")) {
                    insert.setObject(1, org.id());
                    insert.setObject(2, userId);
                    insert.setString(3, role);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test user in identity's database", e);
        }
        return login(email, password);
    }

    /** Makes a running run's lease expire now, as if its holder had stopped heartbeating. */
    public void expireLease(UUID runId) {
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sync_runs SET lease_expires_at = now() - interval '1 minute' WHERE id = ? AND status = 'running'")) {
            update.setObject(1, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot expire the lease of run " + runId, e);
        }
    }

    private static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, TEST_HASH_ITERATIONS, 256);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + TEST_HASH_ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), token);
    }

    public Answer post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), token);
    }

    public Answer put(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))), token);
    }

    public Answer patch(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))), token);
    }

    public Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE(), token);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String token) {
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Org(UUID id, String slug) {
    }

    private record CachedToken(String url, String token) {
    }

    /** An HTTP answer from identity. */
    public record Answer(int status, String body) {

        public Map<String, Object> require(int expected) {
            if (status != expected) {
                throw new AssertionError("identity-service answered " + status + " (expected " + expected + "): " + body);
            }
            return json();
        }

        public Map<String, Object> json() {
            try {
                return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
