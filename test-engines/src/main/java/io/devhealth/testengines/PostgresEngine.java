package io.devhealth.testengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A private PostgreSQL 17 cluster on 127.0.0.1 (see {@code dev/engines/postgres}), fresh for each test JVM. */
public final class PostgresEngine implements AutoCloseable {

    /** The NOLOGIN role that owns the schema (k8s/components/postgres-roles/postgres-roles.sql). */
    public static final String OWNER_ROLE = "devhealth_owner";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDir;
    private final int port;

    private PostgresEngine(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static PostgresEngine start(Path dataDir) {
        Scripts.run("postgres", "destroy", dataDir.toString());
        int port = Scripts.freePort();
        Scripts.run("postgres", "start", dataDir.toString(), Integer.toString(port));
        return new PostgresEngine(dataDir, port);
    }

    public int port() {
        return port;
    }

    /** The cluster's superuser: test set-up only, never a service's login. */
    public String username() {
        return "devhealth";
    }

    /** The local password of the superuser and of every login role. */
    public String password() {
        return "devhealth";
    }

    /** identity-service's pool: CRUD on the application's tables only (k8s/components/postgres-roles/postgres-roles.sql). */
    public String applicationUsername() {
        return "devhealth_app";
    }

    /** identity-service's Flyway: signs in as this, then {@code SET ROLE} {@link #OWNER_ROLE}. */
    public String migratorUsername() {
        return "devhealth_migrator";
    }

    /** Reporting and backups: SELECT only. */
    public String readonlyUsername() {
        return "devhealth_readonly";
    }

    /**
     * The certificate authority that signed the cluster's server certificate (for 127.0.0.1 and localhost): clients
     * connect with TLS and {@code sslmode=verify-full} against it, as production's do (dev/engines/postgres).
     */
    public Path certificateAuthority() {
        return dataDir.resolve("cluster/tls/ca.crt");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(port, database);
    }

    /** The URL form of Quarkus' reactive PostgreSQL client. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:%d/%s".formatted(port, database);
    }

    /**
     * Creates an empty database with production's roles and grants (k8s/components/postgres-roles/postgres-roles.sql, as
     * {@code dev/engines/postgres start … DATABASE} applies them); {@code name} must be a plain lower-case identifier.
     */
    public void createDatabase(String name) {
        requireIdentifier(name);
        execute("postgres", "CREATE DATABASE " + name);
        try {
            execute(name, Files.readString(Scripts.repoRoot().resolve("k8s/components/postgres-roles/postgres-roles.sql")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading k8s/components/postgres-roles/postgres-roles.sql", e);
        }
        for (String login : List.of(migratorUsername(), applicationUsername(), readonlyUsername())) {
            execute(name, "ALTER ROLE " + login + " PASSWORD '" + password() + "'");
        }
    }

    /** Empties every table of {@code database}'s public schema except Flyway's history. */
    public void truncateAll(String database) {
        requireIdentifier(database);
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("""
                    SELECT quote_ident(tablename) FROM pg_tables
                    WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("truncating " + database + " failed", e);
        }
    }

    /** Runs one statement in {@code database}, for test set-up the API cannot reach (e.g. expiring a lease). */
    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed in " + database + ": " + sql, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), password());
    }

    @Override
    public void close() {
        Scripts.run("postgres", "destroy", dataDir.toString());
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + port;
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
    }
}
