package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.devhealth.support.problem.ProblemException;

/** Days {@code from} to {@code to} (of the organization's time zone), both included. */
public record DayRange(LocalDate from, LocalDate to) {

    /** Days covered when the caller gives no {@code from}: {@code to} and the 29 days before it. */
    static final int DEFAULT_DAYS = 30;

    /** ClickHouse's {@code Date} holds 1970-01-01 to 2149-06-06. */
    private static final LocalDate FIRST_DAY = LocalDate.EPOCH;
    private static final LocalDate LAST_DAY = LocalDate.of(2149, 6, 6);

    /**
     * The range the query parameters ask for.
     *
     * @param from ISO-8601 date ({@code yyyy-MM-dd}); absent or blank: {@value #DEFAULT_DAYS} days ending at {@code to}
     * @param to ISO-8601 date; absent or blank: {@code today}
     * @param maxDays the most days the range may cover
     * @throws ProblemException 400 {@code bad-request} when a date is malformed or out of range, {@code from} is after
     *         {@code to}, or the range covers more than {@code maxDays} days
     */
    public static DayRange parse(String from, String to, LocalDate today, int maxDays) {
        LocalDate end = isAbsent(to) ? today : parseDay("to", to);
        LocalDate start = isAbsent(from) ? end.minusDays(DEFAULT_DAYS - 1) : parseDay("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.badParameter("from", "from (" + start + ") is after to (" + end + ").");
        }
        DayRange range = new DayRange(start, end);
        if (range.days() > maxDays) {
            throw ProblemException.badParameter("from", "The range " + start + " to " + end + " covers " + range.days()
                    + " days; at most " + maxDays + " are allowed.");
        }
        return range;
    }

    /** Number of days in the range, both ends included. */
    /** The first day's midnight in {@code zone}, epoch milliseconds: where the window starts (included). */
    public long startMillis(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The midnight after the last day in {@code zone}, epoch milliseconds: where the window ends (excluded). */
    public long endMillis(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Whether a query parameter is absent: null or blank. */
    static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate parseDay(String parameter, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(parameter,
                    "Query parameter '" + parameter + "' must be an ISO-8601 date (yyyy-MM-dd), got '" + value + "'.");
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw ProblemException.badParameter(parameter,
                    "Query parameter '" + parameter + "' must lie between " + FIRST_DAY + " and " + LAST_DAY + ".");
        }
        return day;
    }
}
