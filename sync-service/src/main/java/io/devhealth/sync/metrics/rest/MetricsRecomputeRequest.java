package io.devhealth.sync.metrics.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/** A request to recompute the daily metric tables of an organization for a range of days. */
@CleanText
@Schema(name = "MetricsRecomputeRequest", description = "The days to recompute, in the organization's time zone.")
public record MetricsRecomputeRequest(
        @Schema(description = "First day, ISO-8601 (yyyy-MM-dd), included; not before 1970-01-01.", required = true,
                examples = "2025-01-01") String from,
        @Schema(description = "Last day, ISO-8601 (yyyy-MM-dd), included; not after today in the organization's "
                + "time zone, at most devhealth.metrics.recompute.max-days (default 731) days after from.",
                required = true, examples = "2025-03-31") String to) {
}
