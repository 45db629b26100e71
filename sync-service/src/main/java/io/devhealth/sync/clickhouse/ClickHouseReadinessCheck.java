package io.devhealth.sync.clickhouse;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready when ClickHouse answers a query on the synced schema through the client the sink writes with: same
 * endpoint, credentials, database, compression setting and binary response decoding. (The JDBC datasource's own
 * check only sends {@code SELECT 1} as text and stays UP when, say, compression is misconfigured.)
 */
@Readiness
@ApplicationScoped
public class ClickHouseReadinessCheck implements HealthCheck {

    private static final String NAME = "clickhouse";
    private static final long TIMEOUT_SECONDS = 3;

    private final Client client;

    public ClickHouseReadinessCheck(Client client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            // A query on a migrated table: proves the database, the schema and the read path, reads no rows.
            try (QueryResponse response = client.query(
                    "SELECT count() FROM repos WHERE org_id = toUUID('00000000-0000-0000-0000-000000000000')")
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return HealthCheckResponse.named(NAME).up().withData("database", client.getDefaultDatabase()).build();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (TimeoutException e) {
            return down("no answer within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return down(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (Exception e) {
            return down(e.getMessage());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("error", firstLine(reason)).build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
