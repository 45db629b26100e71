package io.devhealth.identity.user.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.user.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** The user with this email, compared case-insensitively (as the unique index does); null if none. */
    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email.strip()).firstResult();
    }
}
