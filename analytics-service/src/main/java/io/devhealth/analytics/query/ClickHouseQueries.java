package io.devhealth.analytics.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.jdbc.ConnectionImpl;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.trace.TraceQueryIds;
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
    /*
     * ClickHouse writes the JSON of jsonArray: one array of objects named by the column aliases, 64-bit integers
     * as numbers (not quoted strings), '/' unescaped, invalid UTF-8 replaced so the document is always valid JSON.
     */
    private static final String JSON_ARRAY_FORMAT = ", output_format_json_array_of_rows = 1,"
            + " output_format_json_quote_64bit_integers = 0, output_format_json_escape_forward_slashes = 0,"
            + " output_format_json_validate_utf8 = 1\nFORMAT JSONEachRow";

    /**
     * ClickHouse error codes that mean "not now" rather than "wrong query": UNKNOWN_TABLE and UNKNOWN_DATABASE
     * (the schema is not applied yet), TIMEOUT_EXCEEDED, TOO_SLOW, TOO_MANY_SIMULTANEOUS_QUERIES,
     * NO_FREE_CONNECTION, SOCKET_TIMEOUT, NETWORK_ERROR, MEMORY_LIMIT_EXCEEDED, QUERY_WAS_CANCELLED.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(60, 81, 159, 160, 202, 203, 209, 210, 241, 394);
    private static final String JDBC_PREFIX = "jdbc:clickhouse:";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /* Per event loop (2 per core): a request holds one for its read only, and the JDBC pool keeps its own 16. */
    private static final int CONNECTIONS_PER_EVENT_LOOP = 4;
    /** The key of the one client shared by callers off the event loops. */
    private static final Object OFF_EVENT_LOOP = new Object();

    private final AgroalDataSource dataSource;
    private final String readSettings;
    private final int timeoutSeconds;
    /** devhealth_clickhouse_query_seconds{outcome}: each read from the connection to its last row mapped. */
    private final Timer succeeded;
    private final Timer unavailable;
    private final Timer failed;
    /* The non-blocking reads' own client of the same HTTP interface (jsonArrayAsync). */
    private final URI endpoint;
    private final String databaseParameter;
    private final String username;
    private final String password;
    private final Vertx vertx;
    private final HttpClientOptions httpOptions;
    /*
     * One client per event-loop thread, so that a read goes out and comes back on the request's own event loop: a
     * shared pool hands a request a connection of any event loop, and the read then crosses threads twice.
     */
    private final Map<Object, HttpClient> clientsByEventLoop = new ConcurrentHashMap<>();

    ClickHouseQueries(@DataSource("clickhouse") AgroalDataSource dataSource, AnalyticsConfig config,
            MeterRegistry registry, @ConfigProperty(name = "devhealth.clickhouse.cluster") Optional<String> cluster,
            Vertx vertx, @ConfigProperty(name = "quarkus.datasource.clickhouse.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.clickhouse.username") String username,
            @ConfigProperty(name = "quarkus.datasource.clickhouse.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.readSettings = readSettings(cluster);
        this.timeoutSeconds = Math.toIntExact(Math.max(1, config.queryTimeout().toSeconds()));
        this.succeeded = queryTimer(registry, "success");
        this.unavailable = queryTimer(registry, "unavailable");
        this.failed = queryTimer(registry, "error");
        // The datasource's own endpoint, database and login: jdbc:clickhouse:<http(s)://host:port>/<database>[?…].
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalStateException("quarkus.datasource.clickhouse.jdbc.url must start with " + JDBC_PREFIX);
        }
        URI datasource = URI.create(jdbcUrl.substring(JDBC_PREFIX.length()));
        this.endpoint = datasource.resolve("/");
        String database = datasource.getPath() == null ? "" : datasource.getPath().replaceFirst("^/", "");
        this.databaseParameter = "database=" + URLEncoder.encode(database.isEmpty() ? "default" : database,
                StandardCharsets.UTF_8);
        this.username = username;
        this.password = password.orElse("");
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        this.vertx = vertx;
        this.httpOptions = new HttpClientOptions().setSsl(tls).setVerifyHost(tls).setKeepAlive(true)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setMaxPoolSize(CONNECTIONS_PER_EVENT_LOOP);
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
        return timed(() -> read(sql, mapper, parameters));
    }

    /** {@code read}'s result, its time recorded by outcome ({@link #timer}). */
    private <T> T timed(Supplier<T> read) {
        long started = System.nanoTime();
        try {
            T result = read.get();
            timer(null).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (ProblemException e) {
            timer(e).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
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

    /**
     * The rows of a read as one JSON array of objects, written by ClickHouse ({@code FORMAT JSONEachRow} with
     * {@code output_format_json_array_of_rows}): each object's members are the columns, named by their aliases, in
     * select order; {@code UUID}s, dates and strings as JSON strings, numbers as numbers. The bytes go to the caller
     * as they are, which spares mapping every value into Java objects and serializing them again; a long series is
     * answered at nearly the cost of its SQL.
     *
     * @param sql a SELECT with ClickHouse query parameters ({@code {name:Type}}, bound on the server), without
     *        SETTINGS or FORMAT clause
     * @param parameters the query parameters by name: {@code UUID}, {@code LocalDate}, {@code String} or a number
     * @throws ProblemException 503 {@code upstream-unavailable} or 500 {@code internal} when the read fails
     */
    public JsonRows jsonArray(String sql, Map<String, Object> parameters) {
        return timed(() -> readJson(sql, parameters));
    }

    private JsonRows readJson(String sql, Map<String, Object> parameters) {
        // The pooled JDBC connection's own HTTP client: the same endpoint, login, database and pool limits.
        try (Connection connection = dataSource.getConnection()) {
            Client client = connection.unwrap(ConnectionImpl.class).getClient();
            QuerySettings settings = new QuerySettings().setQueryId(TraceQueryIds.next());
            String statement = sql + readSettings + ", max_execution_time = " + timeoutSeconds + JSON_ARRAY_FORMAT;
            try (QueryResponse response = client.query(statement, escaped(parameters), settings)
                    .get(timeoutSeconds + 5L, TimeUnit.SECONDS);
                 InputStream body = response.getInputStream()) {
                return new JsonRows(body.readAllBytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw toProblem(0, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw toProblem(cause instanceof ServerException server ? server.getCode() : 0, cause.getMessage(), cause);
        } catch (ServerException e) {
            throw toProblem(e.getCode(), e.getMessage(), e);
        } catch (TimeoutException | IOException e) {
            throw toProblem(0, e.toString(), e);
        } catch (SQLException e) {
            throw toProblem(e);
        } catch (Exception e) {
            // QueryResponse.close() declares Exception; anything else from the client is a transport failure.
            throw toProblem(0, e.toString(), e);
        }
    }

    /**
     * {@link #jsonArray} without blocking: the read goes out on the calling event loop and the rows come back on it,
     * so an endpoint whose other inputs are at hand answers without handing the request to a worker thread and back
     * (two thread wake-ups, about 0.5 ms of a 10 ms read on two cores). Same statement, settings, query id, timeout,
     * timers and problem mapping as {@link #jsonArray}; its own pooled HTTP connections to the same endpoint and login.
     * {@code wait_end_of_query} keeps an error that happens after the first rows from arriving as a 200 with a broken
     * body: ClickHouse answers only once the read has finished.
     *
     * @return the rows; a failure is a {@link ProblemException} as for {@link #jsonArray}
     */
    public Uni<JsonRows> jsonArrayAsync(String sql, Map<String, Object> parameters) {
        long started = System.nanoTime();
        String statement = sql + readSettings + ", max_execution_time = " + timeoutSeconds + JSON_ARRAY_FORMAT;
        StringJoiner query = new StringJoiner("&", endpoint.getRawPath() + "?", "").add(databaseParameter)
                .add("wait_end_of_query=1").add("query_id=" + TraceQueryIds.next());
        escaped(parameters).forEach((name, value) -> query.add("param_"
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(endpoint.getHost())
                .setPort(port(endpoint)).setURI(query.toString()).setTimeout((timeoutSeconds + 5L) * 1000)
                .putHeader("X-ClickHouse-User", username).putHeader("X-ClickHouse-Key", password)
                .putHeader("Content-Type", "text/plain; charset=UTF-8");
        // Off an event loop (a test calling a repository directly) every thread shares one client.
        Object eventLoop = Context.isOnEventLoopThread() ? Thread.currentThread() : OFF_EVENT_LOOP;
        HttpClient http = clientsByEventLoop.computeIfAbsent(eventLoop, key -> vertx.createHttpClient(httpOptions));
        return Uni.createFrom().completionStage(() -> http.request(request)
                        .compose(outgoing -> outgoing.send(Buffer.buffer(statement)))
                        .compose(response -> bodyBytes(response).map(body -> rowsOrProblem(response, body)))
                        .toCompletionStage())
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> toProblem(0, e.toString(), e))
                .onItemOrFailure().invoke((rows, failure) -> timer(failure)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** The timer of a read's outcome: no failure, a 503 problem (unavailable), or any other failure. */
    private Timer timer(Throwable failure) {
        if (failure == null) {
            return succeeded;
        }
        return failure instanceof ProblemException problem && problem.status() == 503 ? unavailable : failed;
    }

    /**
     * The response body in one array of its exact size, copied once from the chunks as they arrived:
     * {@code response.body()} grows a buffer chunk by chunk (each growth a new array and a copy) and
     * {@code getBytes()} copies it again; for an 850 KB series those copies, with the envelope's, were a fifth of
     * the event loop's CPU.
     */
    private static Future<byte[]> bodyBytes(HttpClientResponse response) {
        Promise<byte[]> body = Promise.promise();
        List<Buffer> chunks = new ArrayList<>();
        response.handler(chunks::add);
        response.exceptionHandler(body::tryFail);
        response.endHandler(end -> {
            int length = 0;
            for (Buffer chunk : chunks) {
                length = Math.addExact(length, chunk.length());
            }
            byte[] bytes = new byte[length];
            int offset = 0;
            for (Buffer chunk : chunks) {
                chunk.getBytes(0, chunk.length(), bytes, offset);
                offset += chunk.length();
            }
            body.tryComplete(bytes);
        });
        return body.future();
    }

    private static JsonRows rowsOrProblem(HttpClientResponse response, byte[] body) {
        if (response.statusCode() == 200) {
            return new JsonRows(body);
        }
        String code = response.getHeader("X-ClickHouse-Exception-Code");
        int parsed = 0;
        try {
            parsed = code == null ? 0 : Integer.parseInt(code.strip());
        } catch (NumberFormatException notANumber) {
            // no code: treated as no answer at all
        }
        String message = "HTTP " + response.statusCode() + ": " + new String(body, StandardCharsets.UTF_8).strip();
        throw toProblem(parsed, message, null);
    }

    private static int port(URI endpoint) {
        return endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }

    /**
     * The parameters as ClickHouse's HTTP interface reads them: a {@code param_*} value is parsed in the escaped
     * (TabSeparated) form, so a backslash, tab or line break of a string must be escaped or it changes the value
     * (the client sends strings as they are: {@code a\'b} would arrive as {@code a'b}).
     */
    static Map<String, Object> escaped(Map<String, Object> parameters) {
        Map<String, Object> escaped = new HashMap<>(parameters);
        escaped.replaceAll((name, value) -> value instanceof String text ? text.replace("\\", "\\\\")
                .replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") : value);
        return escaped;
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
        return toProblem(e instanceof SQLTimeoutException ? 0 : e.getErrorCode(), e.getMessage(), e);
    }

    /** @param code ClickHouse's error code; 0 for no answer at all (refused, timed out, pool exhausted, broken stream) */
    private static ProblemException toProblem(int code, String message, Throwable e) {
        if (code == 0 || UNAVAILABLE_CODES.contains(code)) {
            // Expected while ClickHouse is down, and readiness probes it every few seconds: no stack trace.
            LOG.warnf("ClickHouse unavailable (code %d): %s", code, message);
            return ProblemException.upstreamUnavailable("The analytics database is unavailable or too slow right now; retry later.");
        }
        LOG.errorf(e, "ClickHouse rejected a query (code %d)", code);
        return ProblemException.internal("The analytics query failed.");
    }
}
