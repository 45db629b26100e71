package io.devhealth.identity.people.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.repository.ChangeFeedRepository;
import io.devhealth.identity.people.repository.OrganizationFeedVersion;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Where every organization's people/teams change feed stands, for readers deciding which feeds to read. */
@ApplicationScoped
public class FeedVersionService {

    private final ChangeFeedRepository feed;

    FeedVersionService(ChangeFeedRepository feed) {
        this.feed = feed;
    }

    /** Every live organization's last committed feed version, by organization id. */
    @WithSession
    public Uni<List<OrganizationFeedVersion>> versions() {
        return feed.listLive();
    }
}
