package io.devhealth.analytics.query;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.devhealth.support.trace.TraceQueryIds;

/**
 * ClickHouse's JDBC driver, with query ids that carry the current trace ({@link TraceQueryIds}).
 *
 * <p>Configured as {@code quarkus.datasource.clickhouse.jdbc.driver}: the driver takes the id generator as a
 * {@link Supplier} object in the connection properties ({@code jdbc_query_id_generator}), which configuration
 * strings cannot express, so this wrapper adds it to every connection Agroal opens. Everything else is delegated.
 */
public final class TracingClickHouseDriver implements Driver {

    /** The clickhouse-jdbc (v2) connection property holding a {@code Supplier<String>} of query ids. */
    static final String QUERY_ID_GENERATOR = "jdbc_query_id_generator";

    private static final Supplier<String> QUERY_IDS = TraceQueryIds::next;

    private final Driver delegate = new com.clickhouse.jdbc.ClickHouseDriver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties withIds = new Properties();
        if (info != null) {
            withIds.putAll(info);
        }
        withIds.put(QUERY_ID_GENERATOR, QUERY_IDS);
        return delegate.connect(url, withIds);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return delegate.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegate.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return delegate.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return delegate.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return delegate.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }
}
