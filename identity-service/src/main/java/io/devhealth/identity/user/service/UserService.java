package io.devhealth.identity.user.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.auth.RefreshToken;
import io.devhealth.identity.auth.service.PasswordHasher;
import io.devhealth.identity.auth.service.SessionService;
import io.devhealth.identity.config.AuthConfig;
import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.org.service.ChangesAccess;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Users: the caller's own profile and password, self-registration (when enabled), and the superuser's user
 * administration. Password hashing runs on worker threads, never on the event loop.
 */
@ApplicationScoped
public class UserService {

    private final CallerService callers;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final AuthConfig config;

    UserService(CallerService callers, UserRepository users, MembershipRepository memberships, PasswordHasher hasher,
            SessionService sessions, AuthConfig config) {
        this.callers = callers;
        this.users = users;
        this.memberships = memberships;
        this.hasher = hasher;
        this.sessions = sessions;
        this.config = config;
    }

    /** The caller and its memberships, as the database has them now. */
    @WithSession
    public Uni<Profile> currentProfile() {
        return callers.current().flatMap(user -> memberships.summariesOf(user.id)
                .map(summaries -> new Profile(user, summaries)));
    }

    /** Sets the caller's display name ({@code ""} clears it). */
    @ChangesAccess
    @WithTransaction
    public Uni<Profile> updateProfile(String displayName) {
        return callers.current()
                .invoke(user -> {
                    if (displayName != null) {
                        user.displayName = displayName.isEmpty() ? null : displayName;
                    }
                })
                .flatMap(user -> memberships.summariesOf(user.id).map(summaries -> new Profile(user, summaries)));
    }

    /**
     * Changes the caller's password after checking the current one, and ends all its sessions (refresh tokens).
     *
     * @throws ProblemException 422 {@code validation} when {@code currentPassword} is wrong
     */
    public Uni<Void> changePassword(String currentPassword, String newPassword) {
        return hashOff(newPassword).flatMap(newHash -> transaction(() -> callers.current()
                .call(user -> VertxContextSupport.executeBlocking(() -> hasher.matches(currentPassword, user.passwordHash))
                        .invoke(matches -> {
                            if (!matches) {
                                throw ProblemException.invalidField("currentPassword", "is not your current password");
                            }
                        }))
                .call(user -> {
                    user.passwordHash = newHash;
                    return sessions.revokeAll(user.id, RefreshToken.REVOKED_BY_PASSWORD_CHANGE);
                }))).replaceWithVoid();
    }

    /**
     * Creates an account for anyone, when {@code devhealth.auth.self-registration} is on.
     *
     * @throws ProblemException 403 {@code forbidden} when self-registration is off; 409 for a taken email
     */
    public Uni<User> register(String email, String displayName, String password) {
        if (!config.selfRegistration()) {
            return Uni.createFrom().failure(ProblemException.forbidden(
                    "self-registration is disabled; ask an administrator for an account"));
        }
        return create(email, displayName, password, false);
    }

    /** Superuser: creates a user. 409 for a taken email. */
    public Uni<User> createAsSuperuser(String email, String displayName, String password, boolean superuser) {
        return transaction(this::requireSuperuser).flatMap(caller -> create(email, displayName, password, superuser));
    }

    /** Superuser: users whose email or name contains {@code search}, by email. */
    @WithSession
    public Uni<Page<User>> list(String search, PageRequest page) {
        return requireSuperuser().flatMap(caller -> users.page(search, page)
                .flatMap(items -> users.count(search).map(total -> Page.of(items, page, total))));
    }

    /** Superuser: one user; 404 when unknown. */
    @WithSession
    public Uni<User> get(UUID id) {
        return requireSuperuser().flatMap(caller -> find(id));
    }

    /**
     * Superuser: changes display name, superuser flag or password (a reset ends the user's sessions). A superuser
     * cannot revoke its own superuser flag (409): someone must remain able to administer.
     */
    @ChangesAccess
    public Uni<User> update(UUID id, String displayName, Boolean superuser, String password) {
        Uni<String> newHash = password == null ? Uni.createFrom().nullItem() : hashOff(password);
        return newHash.flatMap(hash -> transaction(() -> requireSuperuser().flatMap(caller -> find(id).call(user -> {
            if (Boolean.FALSE.equals(superuser) && user.id.equals(caller.id)) {
                throw ProblemException.conflict("you cannot revoke your own superuser role");
            }
            if (displayName != null) {
                user.displayName = displayName.isEmpty() ? null : displayName;
            }
            if (superuser != null) {
                user.superuser = superuser;
            }
            if (hash == null) {
                return Uni.createFrom().voidItem();
            }
            user.passwordHash = hash;
            return sessions.revokeAll(user.id, RefreshToken.REVOKED_BY_PASSWORD_CHANGE);
        }))));
    }

    /**
     * Superuser: deactivates ({@code active = false}: no sign-in, no refresh, sessions revoked at once, access
     * tokens refused by identity at once and by the other services within their lifetime) or reactivates a user.
     * A superuser cannot deactivate itself (409).
     */
    @ChangesAccess
    public Uni<User> setActive(UUID id, boolean active) {
        return transaction(() -> requireSuperuser().flatMap(caller -> find(id).call(user -> {
            if (!active && user.id.equals(caller.id)) {
                throw ProblemException.conflict("you cannot deactivate yourself");
            }
            if (user.active == active) {
                return Uni.createFrom().voidItem();
            }
            user.active = active;
            user.deactivatedAt = active ? null : Instant.now();
            return active ? Uni.createFrom().voidItem()
                    : sessions.revokeAll(user.id, RefreshToken.REVOKED_BY_DEACTIVATION);
        })));
    }

    private Uni<User> create(String email, String displayName, String password, boolean superuser) {
        return hashOff(password).flatMap(hash -> {
            User user = new User();
            user.email = email;
            user.displayName = displayName == null || displayName.isEmpty() ? null : displayName;
            user.passwordHash = hash;
            user.superuser = superuser;
            return transaction(() -> users.persistAndFlush(user))
                    .onFailure(PgErrors.uniqueViolation("users_email_lower_key"))
                    .transform(duplicate -> ProblemException.conflict("a user with email '" + email + "' exists"));
        });
    }

    private Uni<User> requireSuperuser() {
        return callers.current().invoke(caller -> {
            if (!caller.superuser) {
                throw ProblemException.forbidden("this requires a superuser");
            }
        });
    }

    private Uni<User> find(UUID id) {
        return users.findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("user " + id + " does not exist"));
    }

    private Uni<String> hashOff(String password) {
        return VertxContextSupport.executeBlocking(() -> hasher.hash(password));
    }

    /**
     * Runs {@code work} in a transaction. A supplier, not a Uni: repositories join the session that is current when
     * they are called, so the calls must happen inside the transaction.
     */
    private static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work);
    }

    public record Profile(User user, List<MembershipSummary> memberships) {
    }
}
