package io.devhealth.sync.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.clickhouse.client.api.Client;

/** The benchmarks' schema set-up through a plain client (they run without Quarkus and without Flyway). */
public final class BenchMigrations {

    private BenchMigrations() {
    }

    /** Applies migrations/clickhouse/V*.sql in version order (statements end with ';' at a line end). */
    public static void migrate(Client client, Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString()
                            .substring(1, f.getFileName().toString().indexOf("__")))))
                    .toList();
        }
        for (Path file : files) {
            StringBuilder statement = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    String sql = statement.toString().strip();
                    sql = sql.substring(0, sql.length() - 1).replaceFirst("(?i)^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ");
                    client.execute(sql).get(60, TimeUnit.SECONDS).close();
                    statement.setLength(0);
                }
            }
        }
    }
}
