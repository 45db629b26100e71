package io.devhealth.testengines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresEngineTests {

    private final PostgresEngine postgres = Engines.postgres();

    @Test
    void servesFreshDatabasesOnLoopback() throws Exception {
        postgres.createDatabase("engine_test_a");

        try (Connection connection = postgres.connect("engine_test_a");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT current_database(), inet_server_addr()::text,"
                                + " current_setting('server_version_num')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("engine_test_a");
            assertThat(rs.getString(2)).startsWith("127.0.0.1");
            assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void truncateAllEmptiesTablesButKeepsMigrationHistory() throws Exception {
        postgres.createDatabase("engine_test_b");
        postgres.execute("engine_test_b", "CREATE TABLE flyway_schema_history (v int)");
        postgres.execute("engine_test_b", "CREATE TABLE items (id int PRIMARY KEY)");
        postgres.execute("engine_test_b", "CREATE TABLE children (id int REFERENCES items (id))");
        postgres.execute("engine_test_b", "INSERT INTO flyway_schema_history VALUES (1)");
        postgres.execute("engine_test_b", "INSERT INTO items VALUES (1), (2)");
        postgres.execute("engine_test_b", "INSERT INTO children VALUES (1)");

        postgres.truncateAll("engine_test_b");

        assertThat(count("engine_test_b", "items")).isZero();
        assertThat(count("engine_test_b", "children")).isZero();
        assertThat(count("engine_test_b", "flyway_schema_history")).isEqualTo(1);
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long count(String database, String table) throws Exception {
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
