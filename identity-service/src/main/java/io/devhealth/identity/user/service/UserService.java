package io.devhealth.identity.user.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.user.User;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserService {

    private final CallerService callers;
    private final MembershipRepository memberships;

    UserService(CallerService callers, MembershipRepository memberships) {
        this.callers = callers;
        this.memberships = memberships;
    }

    /** The caller and its memberships, as the database has them now. */
    @WithSession
    public Uni<Profile> currentProfile() {
        return callers.current().flatMap(user -> memberships.summariesOf(user.id)
                .map(summaries -> new Profile(user, summaries)));
    }

    public record Profile(User user, List<MembershipSummary> memberships) {
    }
}
