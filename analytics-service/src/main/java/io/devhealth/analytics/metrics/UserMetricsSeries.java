package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A sparse daily series: one item per person and day with activity, in the organization's time zone; one page of
 * people (every day of each person on the page) when the whole organization is asked for.
 */
public record UserMetricsSeries(
        @Schema(description = "First day of the series (included).", examples = "2025-01-01")
        LocalDate from,
        @Schema(description = "Last day of the series (included).", examples = "2025-01-30")
        LocalDate to,
        @Schema(description = "The IANA time zone whose days these are: the organization's setting timezone the "
                + "metrics were computed in.", examples = "Europe/Berlin")
        String timeZone,
        @Schema(description = "One item per person and day with activity, sorted by person then day; a day without an "
                + "item had no activity (all zeros).")
        List<UserDayMetrics> items,
        @Schema(description = "Pass as cursor for the next page of people; null on the last page (and always when one "
                + "user is asked for).", examples = "Z2l0OmFkYUBhY21lLmlv")
        String nextCursor) {
}
