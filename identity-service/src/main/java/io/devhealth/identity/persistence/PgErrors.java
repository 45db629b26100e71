package io.devhealth.identity.persistence;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Recognizes PostgreSQL constraint violations that are the caller's doing, and a database that is down, whatever
 * layer wrapped them on the way up. Hibernate Reactive reports them as {@link ConstraintViolationException} carrying the SQLState and the
 * violated constraint's name.
 */
public final class PgErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private PgErrors() {
    }

    /** Whether the failure was caused by a unique violation of any constraint. */
    public static boolean isUniqueViolation(Throwable failure) {
        ConstraintViolationException violation = violation(failure);
        return violation != null && UNIQUE_VIOLATION.equals(violation.getSQLState());
    }

    /** Matches a failure caused by a unique violation of {@code constraint} (a unique index or constraint name). */
    public static Predicate<Throwable> uniqueViolation(String constraint) {
        return failure -> matches(failure, UNIQUE_VIOLATION, constraint);
    }

    /** Matches a failure caused by a foreign-key violation of {@code constraint}. */
    public static Predicate<Throwable> foreignKeyViolation(String constraint) {
        return failure -> matches(failure, FOREIGN_KEY_VIOLATION, constraint);
    }

    /**
     * Whether the failure says PostgreSQL could not be reached or dropped the connection, rather than refused the
     * statement: a refused or reset connection, a connection closed under the query, or SQLSTATE class 08
     * (connection exception) or 57P (operator intervention: an administrator's shutdown or restart, a server not
     * accepting connections yet). Such a request is worth retrying once the database is back.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedChannelException
                    || cause instanceof ClosedConnectionException) {
                return true;
            }
            String sqlState = cause instanceof DatabaseException database ? database.getSqlState()
                    : cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Throwable failure, String sqlState, String constraint) {
        ConstraintViolationException violation = violation(failure);
        return violation != null && sqlState.equals(violation.getSQLState())
                && constraint.equals(violation.getConstraintName());
    }

    private static ConstraintViolationException violation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return violation;
            }
        }
        return null;
    }
}
