package io.devhealth.identity.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * identity-service on PostgreSQL over TLS with the settings k8s/overlays/prod gives it (sslmode=verify-full for Flyway's
 * JDBC URL; the reactive pool's ssl-mode, trusted certificate authority and hostname verification): it migrates, turns
 * ready, and every connection of its pool is encrypted with TLS 1.2 or later.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = PostgresTestResource.TLS, value = "verify-full"))
class DatabaseTlsTests {

    @ConfigProperty(name = "devhealth.test.postgres.database")
    String database;

    private final PostgresEngine postgres = Engines.postgres();

    @Test
    void thePoolConnectsOverVerifiedTls() throws SQLException {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"));
        List<String> connections = new ArrayList<>();
        try (Connection superuser = postgres.connect(database); Statement statement = superuser.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT a.usename, s.ssl, s.version FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                     WHERE a.datname = current_database() AND a.usename = 'devhealth_app'""")) {
            while (rows.next()) {
                connections.add(rows.getString(1) + " ssl=" + rows.getBoolean(2) + " " + rows.getString(3));
            }
        }
        assertThat(connections).isNotEmpty()
                .allSatisfy(connection -> assertThat(connection).matches("devhealth_app ssl=true TLSv1\\.[23]"));
    }

    @Test
    void aClientVerifiesTheServerAgainstTheClustersAuthority() throws SQLException {
        String url = postgres.jdbcUrl(database) + "?sslmode=verify-full&sslrootcert=" + postgres.certificateAuthority();
        try (Connection app = DriverManager.getConnection(url, postgres.applicationUsername(), postgres.password());
             Statement statement = app.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(1)).isTrue();
            assertThat(rows.getString(2)).matches("TLSv1\\.[23]");
        }
    }
}
