package io.devhealth.analytics.query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading ClickHouse column types JDBC has no direct getter for. */
public final class Columns {

    private Columns() {
    }

    /** An {@code Array(String)} column as a list (empty for an empty array). */
    public static List<String> strings(ResultSet row, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Object value : elements(row, column)) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    /** An {@code Array(UUID)} column as a list. */
    public static List<UUID> uuids(ResultSet row, String column) throws SQLException {
        List<UUID> values = new ArrayList<>();
        for (Object value : elements(row, column)) {
            values.add(value instanceof UUID id ? id : UUID.fromString(value.toString()));
        }
        return values;
    }

    /** A {@code Float64} (possibly Nullable) column; null for NULL, NaN or infinity (a percentile of no values). */
    public static Double finite(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() || Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static Object[] elements(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }
}
