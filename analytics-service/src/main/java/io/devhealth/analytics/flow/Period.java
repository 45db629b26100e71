package io.devhealth.analytics.flow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.support.problem.ProblemException;

/**
 * The buckets of a series: UTC days, ISO weeks (Monday to Sunday) or calendar months. SQL buckets a day with the same
 * rule as {@link #start(LocalDate)}: {@code multiIf(? = 'month', toStartOfMonth(d), ? = 'week', toMonday(d), d)},
 * then clips it to the window's first day, so a bucket is named by its first day inside the window.
 */
public enum Period {
    DAY, WEEK, MONTH;

    /** The name used in the API and as the SQL parameter. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code period} query parameter; absent or blank: {@code fallback}.
     *
     * @throws ProblemException 400 naming {@code period} when it is not day, week or month
     */
    public static Period parse(String value, Period fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip()) {
            case "day" -> DAY;
            case "week" -> WEEK;
            case "month" -> MONTH;
            default -> throw ProblemException.badParameter("period", "period must be day, week or month");
        };
    }

    /** The first day of the period holding {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The last day of the period holding {@code day}. */
    public LocalDate end(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    /** The window cut into periods, oldest first; the first and last are clipped to the window. */
    public List<DayRange> buckets(DayRange window) {
        List<DayRange> buckets = new ArrayList<>();
        for (LocalDate first = window.from(); !first.isAfter(window.to()); ) {
            LocalDate last = end(first).isAfter(window.to()) ? window.to() : end(first);
            buckets.add(new DayRange(first, last));
            first = last.plusDays(1);
        }
        return buckets;
    }
}
