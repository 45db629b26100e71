package io.devhealth.testengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ClickHouse engine (chdb behind the project's HTTP facade, see {@code dev/engines/clickhouse}), spoken to
 * over ClickHouse's HTTP interface exactly as a real server would be.
 */
public final class ClickHouseEngine implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ClickHouseEngine(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static ClickHouseEngine start(Path dataDir) {
        // An earlier test JVM's facade over the same directory may still be exiting (it follows its parent's death
        // within a poll) and writing its last files: stopped first, or the deletion races it.
        if (Files.isDirectory(dataDir)) {
            Scripts.run("clickhouse", "stop", dataDir.toString());
        }
        Scripts.deleteRecursively(dataDir);
        int port = Scripts.freePort();
        Scripts.run("clickhouse", "start", dataDir.toString(), Integer.toString(port));
        return new ClickHouseEngine(dataDir, port);
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:18123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String username() {
        return "default";
    }

    public String password() {
        return "devhealth";
    }

    public void createDatabase(String name) {
        execute("default", "CREATE DATABASE IF NOT EXISTS " + identifier(name));
    }

    /** Applies the repository's {@code migrations/clickhouse/V*.sql} in version order, as Flyway would. */
    public void migrate(String database) {
        Path dir = Scripts.repoRoot().resolve("migrations/clickhouse");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> MIGRATION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(ClickHouseEngine::migrationVersion)).toList()) {
                for (String statement : statements(Files.readString(file))) {
                    execute(database, statement);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties every table of {@code database} except Flyway's history. */
    public void truncateAll(String database) {
        String tables = queryWithParams("default",
                "SELECT name FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree'"
                        + " AND name != 'flyway_schema_history'",
                Map.of("db", database));
        for (String table : tables.lines().filter(line -> !line.isBlank()).toList()) {
            execute(database, "TRUNCATE TABLE " + identifier(table));
        }
    }

    /** Runs a statement that returns nothing. */
    public void execute(String database, String sql) {
        query(database, sql);
    }

    /** Runs {@code sql} in {@code database}; returns the result as TabSeparated text. */
    public String query(String database, String sql) {
        return queryWithParams(database, sql, Map.of());
    }

    /** Runs {@code sql} with server-side parameters ({@code {name:Type}} placeholders, sent as {@code param_name}). */
    public String queryWithParams(String database, String sql, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(url()).append("/?database=").append(encode(database))
                .append("&default_format=TabSeparated");
        params.forEach((name, value) -> uri.append("&param_").append(encode(name)).append('=').append(encode(value)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username() + ":" + password()).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + response.statusCode() + " to " + sql + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Scripts.run("clickhouse", "stop", dataDir.toString());
    }

    @Override
    public String toString() {
        return "ClickHouse facade on port " + port;
    }

    /** Splits a migration script into statements: comments dropped, split at a {@code ;} that ends a line. */
    static List<String> statements(String script) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : script.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int migrationVersion(Path file) {
        Matcher matcher = MIGRATION.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return '`' + name + '`';
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
