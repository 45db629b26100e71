/**
 * The one place analytics-service talks to ClickHouse: {@link io.devhealth.analytics.query.ClickHouseQueries}.
 * The policies below hold for every read because every read goes through it.
 *
 * <h2>Parameters</h2>
 * Values reach SQL only as parameters. Reads mapped row by row ({@code list}) are JDBC {@code PreparedStatement}s
 * with {@code ?} placeholders, which clickhouse-jdbc 0.9 fills in on the client: strings become quoted literals with
 * quotes and backslashes escaped, {@code UUID} and {@code LocalDate} quoted canonical literals, numbers their
 * decimal form. Reads answered as ClickHouse's own JSON ({@code jsonArray}, the long daily series) use ClickHouse
 * query parameters ({@code {name:Type}}), bound on the server, through the pooled connection's HTTP client;
 * {@code jsonArrayAsync} sends the same statement and parameters from the event loop over a non-blocking Vert.x
 * client of the datasource's endpoint and login. Every
 * statement filters {@code org_id} first, so each reads one contiguous range of the {@code (org_id, …)} sort keys.
 *
 * <h2>FINAL</h2>
 * Source and daily tables are {@code ReplacingMergeTree}s whose merges are eventual: until a merge, a re-synced
 * row exists twice and a tombstone ({@code is_deleted = 1}) still shows. Every read therefore runs with the
 * ClickHouse setting {@code final = 1}, which reads each such table in the query (joins and subqueries
 * included) as with {@code FINAL}: latest {@code version} per key, tombstones dropped. SQL in this service
 * never writes {@code FINAL} itself, and cannot forget it.
 *
 * <h2>Timeouts and failures</h2>
 * Every statement gets {@code devhealth.analytics.query-timeout}: ClickHouse stops the query at
 * {@code max_execution_time} and the driver stops waiting. Failures become problem details without SQL or
 * engine messages (those go to the log): 503 {@code upstream-unavailable} when ClickHouse is unreachable,
 * overloaded, too slow, or lacks the schema (sync-service applies it at start); 500 {@code internal} when it
 * rejects a statement, which is a defect of ours.
 */
package io.devhealth.analytics.query;
