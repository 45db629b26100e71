package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dense daily series: every selected repository on every day of the range. */
public record RepoMetricsSeries(
        @Schema(description = "First day of the series (included).", examples = "2025-01-01")
        LocalDate from,
        @Schema(description = "Last day of the series (included).", examples = "2025-01-30")
        LocalDate to,
        @Schema(description = "The IANA time zone whose days these are: the organization's setting timezone the "
                + "metrics were computed in.", examples = "Europe/Berlin")
        String timeZone,
        @Schema(description = "One item per repository per day from 'from' to 'to', sorted by full name then day.")
        List<RepoDayMetrics> items) {
}
