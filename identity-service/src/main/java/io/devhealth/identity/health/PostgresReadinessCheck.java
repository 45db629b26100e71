package io.devhealth.identity.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready when the reactive pool the API uses can read the migrated schema: a real query on a real table, not
 * just an open connection.
 */
@Readiness
@ApplicationScoped
public class PostgresReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "postgresql";
    private static final String SCHEMA_VERSION = """
            SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1""";

    private final Pool pool;

    PostgresReadinessCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query(SCHEMA_VERSION)
                .execute()
                .map(rows -> rows.iterator().hasNext()
                        ? HealthCheckResponse.named(NAME).up()
                                .withData("schemaVersion", rows.iterator().next().getString(0)).build()
                        : HealthCheckResponse.named(NAME).down().withData("error", "no migration applied").build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}
