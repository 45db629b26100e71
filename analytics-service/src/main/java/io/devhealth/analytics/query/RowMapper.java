package io.devhealth.analytics.query;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result to a value; never advances the cursor. */
@FunctionalInterface
public interface RowMapper<T> {

    T map(ResultSet row) throws SQLException;
}
