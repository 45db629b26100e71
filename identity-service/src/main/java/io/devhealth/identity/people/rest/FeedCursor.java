package io.devhealth.identity.people.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.FeedPosition;

/** Where the next page of a change feed starts: pass both as query parameters. */
@Schema(description = "The query parameters of the next page: ?sinceVersion=…&afterId=…")
public record FeedCursor(
        @Schema(examples = "41") long sinceVersion,
        @Schema(examples = "5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f") UUID afterId) {

    public static FeedCursor from(FeedPosition next) {
        return next == null ? null : new FeedCursor(next.version(), next.id());
    }
}
