package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.FeedPage;

/**
 * One page of a change feed ({@code GET /internal/v1/orgs/{orgId}/people} or {@code …/teams}); the polling
 * contract is {@link ChangeFeedContract#DESCRIPTION}.
 *
 * @param <T> the whole changed row: a person with its identities, or a team with its members
 */
public record ChangeFeedResponse<T>(
        @Schema(examples = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f") UUID orgId,
        @Schema(description = "The organization's committed version when this page was read: once hasMore is false, "
                + "the sinceVersion of the next poll", examples = "42")
        long version,
        @Schema(description = "Rows created or changed after the position asked for, each whole, in (version, id) "
                + "order")
        List<T> changed,
        @Schema(description = "Rows deleted (people also when merged into another) after that position")
        List<FeedDeletion> deleted,
        @Schema(description = "Whether more changes follow: ask again with next", examples = "false")
        boolean hasMore,
        @Schema(description = "The next page's query parameters; null when hasMore is false")
        FeedCursor next) {

    /** The page's rows as API records. */
    public static <V, T> ChangeFeedResponse<T> from(UUID orgId, FeedPage<V> page, Function<V, T> toResponse) {
        return new ChangeFeedResponse<>(orgId, page.version(), page.changed().stream().map(toResponse).toList(),
                FeedDeletion.from(page.deleted()), page.next() != null, FeedCursor.from(page.next()));
    }
}
