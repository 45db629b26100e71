package io.devhealth.identity;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;

import io.devhealth.identity.auth.service.PasswordHasher;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.testengines.Engines;
import io.restassured.http.ContentType;

/**
 * Test fixtures. The test classes share one application and one database, so every fixture has a unique name;
 * users and memberships the API cannot create are written with the test's own JDBC connection.
 */
public final class TestData {

    public static final String ADMIN_EMAIL = "admin@devhealth.local";
    public static final String ADMIN_PASSWORD = "devhealth-local";
    public static final String SERVICE_SECRET = "devhealth-local-service-secret";
    public static final String PASSWORD = "correct horse battery staple";
    /** The operator's local root in the test profile ({@code devhealth.sync.local-roots}). */
    public static final String LOCAL_ROOT = "/srv/git";

    /** devhealth.auth.password-iterations of the test profile: fixture hashes need no upgrade at sign-in. */
    public static final int TEST_HASH_ITERATIONS = 1000;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
    /** One hash for every fixture user: hashing is deliberately slow. */
    private static String passwordHash;

    private TestData() {
    }

    /** A name no other fixture of this JVM uses, valid as a slug: {@code prefix-<run>-<n>}. */
    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** The database the application runs on (one per test JVM). */
    public static String database() {
        return ConfigProvider.getConfig().getValue("devhealth.test.postgres.database", String.class);
    }

    public static Connection connect() throws SQLException {
        return Engines.postgres().connect(database());
    }

    /** Inserts an active, non-superuser user with {@link #PASSWORD}. */
    public static TestUser createUser(String prefix) {
        return insertUser(unique(prefix) + "@example.test", false, true);
    }

    public static TestUser insertUser(String email, boolean superuser, boolean active) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO users (id, email, password_hash, is_superuser, is_active) VALUES (?, ?, ?, ?, ?)",
                id, email, hash(), superuser, active);
        return new TestUser(id, email);
    }

    public static void addMember(UUID orgId, UUID userId, OrgRole role) {
        update("INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)",
                orgId, userId, role.claimValue());
    }

    /** Runs one parameterized statement; returns the number of rows it changed. */
    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single long value of a parameterized query (e.g. a count). */
    public static long count(String sql, Object... parameters) {
        return Long.parseLong(queryString(sql, parameters));
    }

    /** The single value of a parameterized query, as text; null when it is SQL NULL. */
    public static String queryString(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A user access token from the token endpoint. */
    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/v1/identity/auth/token")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    public static String login(TestUser user) {
        return login(user.email(), PASSWORD);
    }

    public static String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static String serviceToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("clientId", "sync-service", "clientSecret", SERVICE_SECRET))
                .when().post("/internal/v1/auth/service-token")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    /** Creates an organization through the API as {@code token}'s user (who becomes its owner); returns its id. */
    public static UUID createOrg(String token, String slug) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Org " + slug))
                .when().post("/api/v1/identity/orgs")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /**
     * Creates a git sync configuration through the API under {@code /srv/git} (the test profile's operator root,
     * which this grants the organization too); returns its id.
     */
    public static UUID createGitConfiguration(String token, String org, String name, Integer scheduleIntervalSeconds) {
        allowLocalRoots(token, org, List.of(LOCAL_ROOT));
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", name, "provider", "git", "options", Map.of("repositoryPath", LOCAL_ROOT + "/" + name + ".git")));
        body.put("scheduleIntervalSeconds", scheduleIntervalSeconds);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(body)
                .when().post("/api/v1/identity/orgs/" + org + "/sync-configurations")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** Sets the organization's {@code repositories.local-roots} setting through the API. */
    public static void allowLocalRoots(String token, String org, List<String> roots) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("value", roots))
                .when().put("/api/v1/identity/orgs/" + org + "/settings/repositories.local-roots")
                .then().statusCode(200);
    }

    private static synchronized String hash() {
        if (passwordHash == null) {
            passwordHash = new PasswordHasher(TEST_HASH_ITERATIONS).hash(PASSWORD);
        }
        return passwordHash;
    }

    public record TestUser(UUID id, String email) {
    }

    /** A new user with {@code role} in the organization, logged in; returns its token. */
    public static String memberToken(UUID orgId, OrgRole role) {
        TestUser user = createUser(role.claimValue());
        addMember(orgId, user.id(), role);
        return login(user);
    }

    /** An organization with one logged-in user per role: its slug, id and each role's access token. */
    public record OrgWithRoles(String slug, UUID id, String owner, String admin, String member, String viewer) {
    }

    /** Creates an organization (slug from {@code prefix}) whose owner creates it, plus an admin, member and viewer. */
    public static OrgWithRoles orgWithOneUserPerRole(String prefix) {
        String owner = login(createUser("owner"));
        String slug = unique(prefix);
        UUID id = createOrg(owner, slug);
        return new OrgWithRoles(slug, id, owner, memberToken(id, OrgRole.ADMIN), memberToken(id, OrgRole.MEMBER),
                memberToken(id, OrgRole.VIEWER));
    }
}
