package io.devhealth.identity.persistence;

import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognizes PostgreSQL constraint violations that are the caller's doing, whatever layer wrapped them on the way
 * up. Hibernate Reactive reports them as {@link ConstraintViolationException} carrying the SQLState and the
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
