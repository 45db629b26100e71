package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.FeedPage;
import io.devhealth.identity.people.service.PersonView;

/** One page of the people change feed, {@code GET /internal/v1/orgs/{orgId}/people}. */
public record PeopleFeedResponse(
        @Schema(examples = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f") UUID orgId,
        @Schema(description = "The organization's committed version when this page was read: once hasMore is false, "
                + "the sinceVersion of the next poll", examples = "42")
        long version,
        @Schema(description = "People created or changed (fields or identities) after the position asked for, each "
                + "whole, in (version, id) order")
        List<PersonResponse> people,
        @Schema(description = "People deleted (or merged into another) after that position")
        List<FeedDeletion> deleted,
        @Schema(description = "Whether more changes follow: ask again with next", examples = "false")
        boolean hasMore,
        @Schema(description = "The next page's query parameters; null when hasMore is false")
        FeedCursor next) {

    static PeopleFeedResponse from(UUID orgId, FeedPage<PersonView> page) {
        return new PeopleFeedResponse(orgId, page.version(), page.changed().stream().map(PersonResponse::from).toList(),
                FeedDeletion.from(page.deleted()), page.next() != null, FeedCursor.from(page.next()));
    }
}
