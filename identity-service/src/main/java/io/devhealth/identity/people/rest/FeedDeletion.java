package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.FeedPage;

/** A row deleted from a change feed: drop it from the copy. */
public record FeedDeletion(
        @Schema(examples = "2c9d7e1f-8a4b-4b6c-9d0e-1f2a3b4c5d6e") UUID id,
        @Schema(description = "The version that deleted it", examples = "42") long version) {

    public static List<FeedDeletion> from(List<FeedPage.Deletion> deleted) {
        return deleted.stream().map(deletion -> new FeedDeletion(deletion.id(), deletion.version())).toList();
    }
}
