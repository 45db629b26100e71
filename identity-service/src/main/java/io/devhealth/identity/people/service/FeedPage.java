package io.devhealth.identity.people.service;

import java.util.List;
import java.util.UUID;

/**
 * One page of an organization's change feed for one kind of row.
 *
 * @param version the organization's committed version when the page was read
 * @param changed rows created or changed after the requested position, in feed order
 * @param deleted rows deleted after it, in feed order
 * @param next where the next page starts, or null when this page reached the end
 */
public record FeedPage<T>(long version, List<T> changed, List<Deletion> deleted, FeedPosition next) {

    /** A deleted row: its id and the version that deleted it. */
    public record Deletion(UUID id, long version) {
    }
}
