package io.devhealth.analytics.query;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.devhealth.support.problem.ProblemException;

/**
 * Ready when a real query returns a row through the same path as the API: the datasource, the driver's
 * RowBinary result reader and the read settings. Agroal's own check only proves a connection opens (it passed
 * even when every result failed to decode), so it is switched off in favour of this one.
 */
@Readiness
@ApplicationScoped
class ClickHouseReadinessCheck implements HealthCheck {

    private static final String NAME = "clickhouse";

    private final ClickHouseQueries queries;

    ClickHouseReadinessCheck(ClickHouseQueries queries) {
        this.queries = queries;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long rows = queries.list("SELECT count() AS rows FROM system.one", row -> row.getLong("rows")).getFirst();
            return HealthCheckResponse.named(NAME).status(rows == 1).build();
        } catch (ProblemException failed) {
            return HealthCheckResponse.named(NAME).down().withData("error", failed.detail()).build();
        }
    }
}
