package io.devhealth.analytics.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.agroal.DataSource;

/**
 * Runs parameterized reads against ClickHouse through the JDBC datasource {@code clickhouse}, with this
 * service's read policy (see the package documentation): {@code final = 1}, the configured timeout, and
 * failures mapped to problem details. Blocking: call it from a worker or virtual thread.
 */
@ApplicationScoped
public class ClickHouseQueries {

    private static final Logger LOG = Logger.getLogger(ClickHouseQueries.class);

    /** Appended to every statement, which is why statements carry no SETTINGS or FORMAT clause of their own. */
    private static final String READ_SETTINGS = "\nSETTINGS final = 1";
    /*
     * On a cluster (devhealth.clickhouse.cluster, sync-service's cluster mode) the tables read are Distributed over
     * shards that each hold whole organizations (sharded by org_id): a subquery or join of a statement is then
     * answered by the same shard's local tables, which is what distributed_product_mode = 'local' does (the
     * default, 'deny', refuses such statements).
     */
    private static final String CLUSTER_READ_SETTINGS = READ_SETTINGS + ", distributed_product_mode = 'local'";

    /**
     * ClickHouse error codes that mean "not now" rather than "wrong query": UNKNOWN_TABLE and UNKNOWN_DATABASE
     * (the schema is not applied yet), TIMEOUT_EXCEEDED, TOO_SLOW, TOO_MANY_SIMULTANEOUS_QUERIES,
     * NO_FREE_CONNECTION, SOCKET_TIMEOUT, NETWORK_ERROR, MEMORY_LIMIT_EXCEEDED, QUERY_WAS_CANCELLED.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(60, 81, 159, 160, 202, 203, 209, 210, 241, 394);

    private final AgroalDataSource dataSource;
    private final String readSettings;
    private final int timeoutSeconds;
    /** devhealth_clickhouse_query_seconds{outcome}: each read from the connection to its last row mapped. */
    private final Timer succeeded;
    private final Timer unavailable;
    private final Timer failed;

    ClickHouseQueries(@DataSource("clickhouse") AgroalDataSource dataSource, AnalyticsConfig config,
            MeterRegistry registry, @ConfigProperty(name = "devhealth.clickhouse.cluster") Optional<String> cluster) {
        this.dataSource = dataSource;
        this.readSettings = readSettings(cluster);
        this.timeoutSeconds = Math.toIntExact(Math.max(1, config.queryTimeout().toSeconds()));
        this.succeeded = queryTimer(registry, "success");
        this.unavailable = queryTimer(registry, "unavailable");
        this.failed = queryTimer(registry, "error");
    }

    /** The SETTINGS clause appended to every read: single node, or a cluster named by {@code cluster}. */
    static String readSettings(Optional<String> cluster) {
        return cluster.filter(name -> !name.isBlank()).isPresent() ? CLUSTER_READ_SETTINGS : READ_SETTINGS;
    }

    private static Timer queryTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("devhealth.clickhouse.query")
                .description("ClickHouse reads of analytics-service, from taking a connection to the last row mapped")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * Every row of a read, mapped in order.
     *
     * @param sql a SELECT with one JDBC {@code ?} per parameter, without SETTINGS or FORMAT clause
     * @param parameters the values of the placeholders in order: {@code UUID}, {@code LocalDate}, {@code String}
     *        or a number
     * @throws ProblemException 503 {@code upstream-unavailable} or 500 {@code internal} when the read fails
     */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        long started = System.nanoTime();
        try {
            List<T> result = read(sql, mapper, parameters);
            succeeded.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (ProblemException e) {
            (e.status() == 503 ? unavailable : failed).record(System.nanoTime() - started,
                    TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    private <T> List<T> read(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql + readSettings)) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw toProblem(e);
        }
    }

    /** The parts' elements in order: the parameters of a statement made of several fragments. */
    public static Object[] concat(Object[]... parts) {
        List<Object> all = new ArrayList<>();
        for (Object[] part : parts) {
            all.addAll(Arrays.asList(part));
        }
        return all.toArray();
    }

    private static ProblemException toProblem(SQLException e) {
        // Error code 0: no answer from ClickHouse at all (connection refused, pool exhausted, broken stream).
        if (e instanceof SQLTimeoutException || e.getErrorCode() == 0 || UNAVAILABLE_CODES.contains(e.getErrorCode())) {
            // Expected while ClickHouse is down, and readiness probes it every few seconds: no stack trace.
            LOG.warnf("ClickHouse unavailable (code %d): %s", e.getErrorCode(), e.getMessage());
            return ProblemException.upstreamUnavailable("The analytics database is unavailable or too slow right now; retry later.");
        }
        LOG.errorf(e, "ClickHouse rejected a query (code %d)", e.getErrorCode());
        return ProblemException.internal("The analytics query failed.");
    }
}
