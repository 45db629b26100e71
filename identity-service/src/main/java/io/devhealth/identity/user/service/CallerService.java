package io.devhealth.identity.user.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The user behind the request's verified token, re-read from the database: the database, not the token, says
 * whether the user is still active and a superuser.
 */
@ApplicationScoped
public class CallerService {

    private final JsonWebToken token;
    private final UserRepository users;

    CallerService(JsonWebToken token, UserRepository users) {
        this.token = token;
        this.users = users;
    }

    /** The active user the token's {@code sub} names; fails with a 401 problem when there is none. */
    public Uni<User> current() {
        return callerId().flatMap(users::findById).map(CallerService::requireActive);
    }

    /** The user id the token's {@code sub} names; fails with a 401 problem when it names none. */
    public Uni<UUID> callerId() {
        try {
            return Uni.createFrom().item(UUID.fromString(token.getSubject()));
        } catch (IllegalArgumentException | NullPointerException notAUserToken) {
            return Uni.createFrom().failure(ProblemException.unauthorized("the token does not name a user"));
        }
    }

    /** {@code user} when it exists and is active; else a 401 problem. */
    public static User requireActive(User user) {
        if (user == null || !user.active) {
            throw ProblemException.unauthorized("the account is unknown or deactivated");
        }
        return user;
    }
}
