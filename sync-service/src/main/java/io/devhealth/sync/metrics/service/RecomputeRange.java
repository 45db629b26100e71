package io.devhealth.sync.metrics.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.devhealth.support.problem.ProblemException;

/** Days {@code from} to {@code to} (both included, in the organization's zone) a recomputation covers. */
record RecomputeRange(LocalDate from, LocalDate to) {

    /** ClickHouse's {@code Date} starts at 1970-01-01. */
    private static final LocalDate FIRST_DAY = LocalDate.EPOCH;

    /**
     * The range a request asks for.
     *
     * @param today   today in the organization's zone: days after it have nothing to compute
     * @param maxDays the most days the range may cover
     * @throws ProblemException 400 {@code bad-request} naming the field: a missing or malformed date (ISO-8601
     *         {@code yyyy-MM-dd}), a day before 1970-01-01 or after today, {@code from} after {@code to}, a range longer
     *         than {@code maxDays}
     */
    static RecomputeRange parse(String from, String to, LocalDate today, int maxDays) {
        LocalDate start = day("from", from, today);
        LocalDate end = day("to", to, today);
        if (start.isAfter(end)) {
            throw ProblemException.badParameter("from", "from (" + start + ") is after to (" + end + ").");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxDays) {
            throw ProblemException.badParameter("to", "The range " + start + " to " + end + " covers " + days
                    + " days; at most " + maxDays + " may be recomputed at once.");
        }
        return new RecomputeRange(start, end);
    }

    int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate day(String field, String value, LocalDate today) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badParameter(field, "'" + field + "' is required: an ISO-8601 date (yyyy-MM-dd).");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(field, "'" + field + "' must be an ISO-8601 date (yyyy-MM-dd).");
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(today)) {
            throw ProblemException.badParameter(field, "'" + field + "' must lie between " + FIRST_DAY
                    + " and today in the organization's time zone (" + today + ").");
        }
        return day;
    }
}
