package io.devhealth.identity.people.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.repository.PersonRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The people change feed sync-service polls (service tokens only; see the internal resource for the contract). */
@ApplicationScoped
public class PeopleFeedService {

    private final ChangeFeed feed;
    private final PersonRepository people;
    private final PersonViews views;

    PeopleFeedService(ChangeFeed feed, PersonRepository people, PersonViews views) {
        this.feed = feed;
        this.people = people;
        this.views = views;
    }

    /** At most {@code limit} people changes of the organization after {@code after}; 404 for no organization. */
    @WithSession
    public Uni<FeedPage<PersonView>> changes(UUID organizationId, FeedPosition after, int limit) {
        return feed.read(organizationId, ChangeFeedDeletion.PERSON, after, limit,
                (position, max) -> people.listChangedAfter(organizationId, position.version(), position.id(), max)
                        .flatMap(views::of),
                view -> new FeedPosition(view.person().changeVersion, view.person().id));
    }
}
