package io.devhealth.sync.clickhouse;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the ClickHouse analytics layer lives. The same names are used by analytics-service; env vars are the
 * upper-snake form (DEVHEALTH_CLICKHOUSE_URL, …). The JDBC datasource {@code clickhouse} (Flyway) is built from
 * the same values in application.properties.
 */
@ConfigMapping(prefix = "devhealth.clickhouse")
public interface ClickHouseConfig {

    /** HTTP interface base URL, e.g. {@code http://127.0.0.1:18123} (the local facade) or {@code https://ch:8443}. */
    @WithDefault("http://127.0.0.1:18123")
    String url();

    /** Database holding the DevHealth tables. */
    @WithDefault("devhealth")
    String database();

    /**
     * The writer's login, for every row sync-service writes and reads: SELECT, INSERT and DELETE on the DevHealth
     * database, no DDL (dev/engines/clickhouse-users.sql; the local facade's writer by default).
     */
    @WithDefault("devhealth_writer")
    String username();

    /** Never logged. */
    @WithDefault("devhealth")
    String password();

    /** The owner's login: the schema migrations only (the JDBC datasource {@code clickhouse}, Flyway, at start). */
    Migration migration();

    /** A login that may change the schema. */
    interface Migration {

        /** The local facade's owner by default. */
        @WithDefault("default")
        String username();

        /** Never logged. */
        @WithDefault("devhealth")
        String password();
    }

    /**
     * LZ4 compression of HTTP request and response bodies. Off by default: the local facade speaks only
     * uncompressed bodies. Turn on against a real ClickHouse server across a network.
     */
    @WithDefault("false")
    boolean compress();

    /**
     * The ClickHouse cluster (a {@code remote_servers} name, e.g. {@code devhealth}) the schema is created on: set, the
     * migrations are applied in their cluster form (io.devhealth.sync.clickhouse.cluster: Replicated local tables
     * sharded by org_id behind Distributed tables); unset or empty (env DEVHEALTH_CLICKHOUSE_CLUSTER=""), one node as
     * before.
     */
    Optional<String> cluster();
}
