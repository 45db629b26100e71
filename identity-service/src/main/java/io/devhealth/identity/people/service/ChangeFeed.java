package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.people.repository.ChangeFeedRepository;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The per-organization change feed of people, identities and teams that sync-service polls. Writers {@link #lock}
 * the organization's counter first thing in their transaction and stamp {@link ChangeFeedVersion#next()} on what
 * they change; readers page through rows in (version, id) order after a position. Because writers of one
 * organization serialize on the counter row, versions commit in order, and a reader that read the counter before
 * the rows misses nothing (it may see a change again on its next poll).
 */
@ApplicationScoped
public class ChangeFeed {

    private final ChangeFeedRepository feed;
    private final OrganizationRepository organizations;

    ChangeFeed(ChangeFeedRepository feed, OrganizationRepository organizations) {
        this.feed = feed;
        this.organizations = organizations;
    }

    /** The organization's counter, locked until the transaction ends. */
    public Uni<ChangeFeedVersion> lock(UUID organizationId) {
        return feed.lock(organizationId);
    }

    /** Records that {@code entity} ({@link ChangeFeedDeletion#PERSON} or TEAM) {@code id} was deleted now. */
    public Uni<Void> deleted(ChangeFeedVersion counter, String entity, UUID id) {
        return feed.recordDeletion(counter.organizationId, entity, id, counter.next());
    }

    /** Loads at most {@code limit} rows after a position, in feed order. */
    @FunctionalInterface
    public interface RowsAfter<T> {
        Uni<List<T>> load(FeedPosition after, int limit);
    }

    /**
     * At most {@code limit} changes (rows and deletions of {@code entity}) after {@code after}, merged in feed
     * order; {@code position} gives a row's place in it. 404 when the organization does not exist.
     */
    public <T> Uni<FeedPage<T>> read(UUID organizationId, String entity, FeedPosition after, int limit,
            RowsAfter<T> rows, Function<T, FeedPosition> position) {
        // The counter first: every change up to it is visible to the queries that follow.
        return organizations.findById(organizationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "organization " + organizationId + " does not exist"))
                .flatMap(organization -> feed.currentVersion(organizationId)).flatMap(version -> rows.load(after, limit + 1)
                .flatMap(changed -> feed.listDeletedAfter(organizationId, entity, after.version(), after.id(), limit + 1)
                        .map(deleted -> merge(version, changed, deleted, limit, position))));
    }

    private static <T> FeedPage<T> merge(long version, List<T> changed, List<ChangeFeedDeletion> deleted, int limit,
            Function<T, FeedPosition> position) {
        List<T> rows = new ArrayList<>();
        List<FeedPage.Deletion> deletions = new ArrayList<>();
        int r = 0;
        int d = 0;
        FeedPosition last = null;
        while (rows.size() + deletions.size() < limit && (r < changed.size() || d < deleted.size())) {
            FeedPosition nextRow = r < changed.size() ? position.apply(changed.get(r)) : null;
            FeedPosition nextDeletion = d < deleted.size()
                    ? new FeedPosition(deleted.get(d).changeVersion, deleted.get(d).entityId)
                    : null;
            if (nextDeletion == null || (nextRow != null && FeedPosition.ORDER.compare(nextRow, nextDeletion) < 0)) {
                rows.add(changed.get(r++));
                last = nextRow;
            } else {
                deletions.add(new FeedPage.Deletion(nextDeletion.id(), nextDeletion.version()));
                d++;
                last = nextDeletion;
            }
        }
        boolean more = r < changed.size() || d < deleted.size();
        return new FeedPage<>(version, rows, deletions, more ? last : null);
    }
}
