package io.devhealth.identity.user.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.devhealth.identity.auth.service.PasswordHasher;
import io.devhealth.identity.config.BootstrapConfig;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Creates the superuser {@code devhealth.bootstrap.admin-email} on start when
 * {@code devhealth.bootstrap.admin-password} is set (dev and test profiles, and {@code dev/up}). Idempotent: an
 * existing account with that email is left as it is, password included, also when another replica creates it
 * at the same moment. Runs after Flyway has migrated the schema.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final BootstrapConfig config;
    private final UserRepository users;
    private final PasswordHasher hasher;

    AdminBootstrap(BootstrapConfig config, UserRepository users, PasswordHasher hasher) {
        this.config = config;
        this.users = users;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Optional<String> password = config.adminPassword();
        if (password.isEmpty()) {
            LOG.info("devhealth.bootstrap.admin-password is not set: no superuser is bootstrapped");
            return;
        }
        ensureAdmin(config.adminEmail(), password.get());
    }

    /** Creates the superuser unless a user with {@code email} exists; true when it was created. */
    public boolean ensureAdmin(String email, String password) throws Throwable {
        if (VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> users.findByEmail(email))) != null) {
            LOG.infof("user %s already exists: left as it is", email);
            return false;
        }
        User admin = new User();
        admin.email = email.strip();
        admin.displayName = "Administrator";
        admin.superuser = true;
        // Startup runs on the main thread, where the CPU-heavy hash blocks nothing.
        admin.passwordHash = hasher.hash(password);
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache
                .withTransaction(() -> users.persist(admin))
                .replaceWith(true)
                .onFailure(PgErrors.uniqueViolation("users_email_lower_key")).recoverWithItem(false));
        LOG.infof(created ? "created superuser %s" : "superuser %s was created concurrently", email);
        return created;
    }
}
