package io.devhealth.identity.people.service;

import java.util.Comparator;
import java.util.UUID;

/**
 * A position in an organization's change feed: rows are ordered by (change version, id), ids compared as
 * PostgreSQL compares uuids (unsigned, byte by byte). Reading "after" a position returns the rows that sort after
 * it.
 */
public record FeedPosition(long version, UUID id) {

    /** The greatest uuid: after ({@code v}, MAX) comes the first row of version {@code v + 1}. */
    static final UUID MAX_ID = new UUID(-1L, -1L);

    static final Comparator<FeedPosition> ORDER = Comparator.comparingLong(FeedPosition::version)
            .thenComparing(FeedPosition::id, (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            });

    /**
     * Where a reader that has every change up to {@code sinceVersion} continues: after all of that version, or,
     * with {@code afterId} (a page's continuation), after that row of that version.
     */
    public static FeedPosition since(long sinceVersion, UUID afterId) {
        return new FeedPosition(sinceVersion, afterId == null ? MAX_ID : afterId);
    }
}
