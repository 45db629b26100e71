package io.devhealth.sync.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.testengines.ServiceProcess;
import io.devhealth.testengines.Engines;

/**
 * What the replica tests ({@code *IT} classes that run sync-service processes of their own, outside Quarkus's test
 * resources) share: one identity-service per test JVM, a fresh ClickHouse database per test, starting runs through a
 * replica's API, and deadline-bounded waits.
 */
final class Replicas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, String> identity;
    private static String database;

    private Replicas() {
    }

    /**
     * The replica tests' identity-service (started on first use, killed when the JVM exits): its own process and
     * database, so the scheduler of another test's sync-service never claims these tests' configurations.
     */
    static synchronized Map<String, String> identity() {
        if (identity == null) {
            identity = new IdentityServiceTestResource().start();
        }
        return identity;
    }

    /**
     * The replica tests' database of the JVM's ClickHouse engine (each test works in organizations of its own); the
     * first sync-service started on it migrates it.
     */
    static synchronized String clickhouseDatabase() {
        if (database == null) {
            database = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Engines.clickhouse().createDatabase(database);
        }
        return database;
    }

    /** {@code POST /api/v1/sync/orgs/{org}/configurations/{id}/runs} on {@code replica}: the started run's id. */
    static UUID startRun(ServiceProcess replica, String token, IdentityFixture.Org org, UUID configurationId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.url() + "/api/v1/sync/orgs/" + org.slug()
                        + "/configurations/" + configurationId + "/runs"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new AssertionError("starting a run answered " + response.statusCode() + ": " + response.body());
            }
            Map<String, Object> run = JSON.readValue(response.body(), new TypeReference<>() {
            });
            return UUID.fromString((String) run.get("id"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The long value of a one-cell ClickHouse answer. */
    static long count(String database, String sql, Map<String, String> params) {
        return Long.parseLong(Engines.clickhouse().queryWithParams(database, sql, params).strip());
    }

    /** The TabSeparated lines of a ClickHouse answer. */
    static List<String> lines(String database, String sql, Map<String, String> params) {
        return Engines.clickhouse().queryWithParams(database, sql, params).lines().toList();
    }

    /** Polls {@code value} until it is non-null; fails with {@code what} and the replicas' logs after {@code timeout}. */
    static <T> T await(String what, Duration timeout, Supplier<T> value, ServiceProcess... replicas) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                for (ServiceProcess replica : replicas) {
                    logs.append("\n--- sync-service on port ").append(replica.port()).append(":\n").append(replica.tail());
                }
                throw new AssertionError("not within " + timeout + ": " + what + logs);
            }
            Polling.pause();
        }
    }

    /** The ClickHouse tables of {@code database} with an {@code org_id} column → their columns, in table order. */
    static Map<String, List<String>> orgTables(String database) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String line : lines(database, """
                SELECT table, name FROM system.columns WHERE database = currentDatabase()
                  AND table IN (SELECT table FROM system.columns WHERE database = currentDatabase() AND name = 'org_id')
                ORDER BY table, position""", Map.of())) {
            String[] cells = line.split("\t");
            tables.computeIfAbsent(cells[0], table -> new ArrayList<>()).add(cells[1]);
        }
        return tables;
    }
}
