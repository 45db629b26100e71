package io.devhealth.analytics.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.support.problem.ProblemException;

/**
 * Calendar periods a series is bucketed by, in a time zone: the one place where ClickHouse's bucketing and the
 * Java series that lists every period agree. A period is named by its first day: the day itself, the ISO week's
 * Monday, the month's first day. The first and last periods of a window may be partial (a window from a Wednesday
 * has a first week of five days); their start may then lie before the window's first day.
 */
public enum Period {

    DAY("toDate(%s, ?)"),
    WEEK("toMonday(%s, ?)"),
    MONTH("toStartOfMonth(%s, ?)");

    private final String bucket;

    Period(String bucket) {
        this.bucket = bucket;
    }

    /** The query parameter's name for it: {@code day}, {@code week}, {@code month}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A SQL expression of the period's first day ({@code Date}) for a {@code DateTime64} column; its one {@code ?}
     * is the IANA time-zone name the column's instant is read in (e.g. {@code UTC}).
     *
     * @param column a column reference of the statement (a constant of the caller, never input)
     */
    public String bucket(String column) {
        return bucket.formatted(column);
    }

    /** The first day of the period holding {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first days of every period overlapping {@code range}, in order. */
    public List<LocalDate> starts(DayRange range) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = start(range.from()); !start.isAfter(range.to()); start = next(start)) {
            starts.add(start);
        }
        return starts;
    }

    private LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
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
        return Arrays.stream(values()).filter(period -> period.apiName().equals(value.strip())).findFirst()
                .orElseThrow(() -> ProblemException.badParameter("period", "period must be day, week or month"));
    }
}
