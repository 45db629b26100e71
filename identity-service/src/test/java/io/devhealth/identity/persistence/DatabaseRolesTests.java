package io.devhealth.identity.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.devhealth.testengines.Engines;
import io.devhealth.testengines.PostgresEngine;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * identity-service runs with seed 003's roles (k8s/components/postgres-roles/postgres-roles.sql): its pool signs in as the CRUD-only
 * application role, Flyway migrated as the NOLOGIN owner, and neither the application nor the read-only role can
 * change the schema, Flyway's history, or become the owner.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseRolesTests {

    private static final String APP = "devhealth_app";
    private static final String READONLY = "devhealth_readonly";

    @ConfigProperty(name = "devhealth.test.postgres.database")
    String database;

    private final PostgresEngine postgres = Engines.postgres();

    @Test
    void theOwnerOwnsEveryTableAndCannotSignIn() throws SQLException {
        List<String> owners = strings("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
        assertThat(owners).containsExactly(PostgresEngine.OWNER_ROLE);
        assertThat(strings("SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '" + PostgresEngine.OWNER_ROLE + "'"))
                .containsExactly("false");
        assertThat(strings("SELECT rolinherit::text FROM pg_roles WHERE rolname = 'devhealth_migrator'"))
                .as("the migrator holds no privilege until it sets the owner's role").containsExactly("false");
        assertThatThrownBy(() -> connect(PostgresEngine.OWNER_ROLE).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void theApplicationRoleHasCrudOnTheApplicationsTablesOnly() throws SQLException {
        List<String> tables = strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                + " AND tablename <> 'flyway_schema_history'");
        assertThat(tables).contains("users", "organizations");
        for (String table : tables) {
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                assertThat(privileged(APP, table, privilege)).as(APP + " " + privilege + " on " + table).isTrue();
            }
            for (String privilege : List.of("TRUNCATE", "REFERENCES", "TRIGGER")) {
                assertThat(privileged(APP, table, privilege)).as(APP + " " + privilege + " on " + table).isFalse();
            }
        }
        assertThat(privileged(APP, "flyway_schema_history", "SELECT")).isTrue();
        for (String privilege : List.of("INSERT", "UPDATE", "DELETE")) {
            assertThat(privileged(APP, "flyway_schema_history", privilege)).as("history " + privilege).isFalse();
        }
        try (Connection app = connect(APP); Statement statement = app.createStatement()) {
            assertThat(refusal(statement, "CREATE TABLE planted (id int)")).isEqualTo("42501");
            assertThat(refusal(statement, "ALTER TABLE users ADD COLUMN planted int")).isEqualTo("42501");
            assertThat(refusal(statement, "DROP TABLE users")).isEqualTo("42501");
            assertThat(refusal(statement, "SET ROLE " + PostgresEngine.OWNER_ROLE)).isEqualTo("42501");
            assertThat(refusal(statement, "DELETE FROM flyway_schema_history")).isEqualTo("42501");
        }
    }

    @Test
    void theReadOnlyRoleOnlyReads() throws SQLException {
        for (String table : strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            assertThat(privileged(READONLY, table, "SELECT")).as("SELECT on " + table).isTrue();
            for (String privilege : List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
                assertThat(privileged(READONLY, table, privilege)).as(privilege + " on " + table).isFalse();
            }
        }
        try (Connection readonly = connect(READONLY); Statement statement = readonly.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM users")) {
                assertThat(rows.next()).isTrue();
            }
            assertThat(refusal(statement, "UPDATE users SET display_name = display_name")).isEqualTo("42501");
        }
    }

    @Test
    void theServicesPoolSignsInAsTheApplicationRole() throws SQLException {
        given().when().get("/q/health/ready").then().statusCode(200);
        List<String> logins = strings("SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()");
        assertThat(logins).contains(APP).doesNotContain(postgres.username());
    }

    private boolean privileged(String role, String table, String privilege) throws SQLException {
        return strings("SELECT has_table_privilege('%s', 'public.%s', '%s')::text".formatted(role, table, privilege))
                .equals(List.of("true"));
    }

    /** The SQLSTATE with which PostgreSQL refuses {@code sql}. */
    private static String refusal(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException refused) {
            return refused.getSQLState();
        }
        throw new AssertionError("PostgreSQL accepted: " + sql);
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection superuser = postgres.connect(database); Statement statement = superuser.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private Connection connect(String login) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), login, postgres.password());
    }
}
