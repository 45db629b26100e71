package io.devhealth.identity.credential.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.devhealth.identity.credential.repository.IntegrationCredentialRepository;
import io.devhealth.identity.user.service.CallerService;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Master key rotation: re-wraps the data key of every row under another master key than the primary one, so the
 * old key can then be removed from the configuration. Rows stay readable throughout (old keys stay configured
 * until this reports none left under them). Reports at start how many rows still need it.
 */
@ApplicationScoped
public class CredentialRotationService {

    private static final Logger LOG = Logger.getLogger(CredentialRotationService.class);
    private static final int BATCH = 200;
    /** The least UUID in PostgreSQL's order (unsigned bytes; Java's compareTo is signed). */
    private static final UUID SMALLEST = new UUID(0L, 0L);

    private final CallerService callers;
    private final IntegrationCredentialRepository credentials;
    private final CredentialCipher cipher;

    CredentialRotationService(CallerService callers, IntegrationCredentialRepository credentials,
            CredentialCipher cipher) {
        this.callers = callers;
        this.credentials = credentials;
        this.cipher = cipher;
    }

    /** What a re-wrap did; {@code failedIds} are the rows that cannot be decrypted (logged one by one). */
    public record RewrapReport(String primaryKeyId, long rewrapped, long alreadyCurrent, long failed,
            List<UUID> failedIds) {
    }

    private enum Outcome { REWRAPPED, ALREADY_CURRENT, FAILED, GONE }

    /**
     * Re-wraps every row under the primary master key, each in a transaction of its own with the row locked
     * (a concurrent secret replacement waits, and then wins). Superusers only (403 otherwise). Idempotent: a second
     * run finds every row current.
     */
    public Uni<RewrapReport> rewrapAll() {
        return Panache.withSession(callers::current).invoke(caller -> {
            if (!caller.superuser) {
                throw ProblemException.forbidden("only superusers may re-wrap credentials");
            }
        }).flatMap(superuser -> {
            String primary = cipher.primaryKeyId();
            return Panache.withSession(() -> credentials.count("keyId", primary))
                    .flatMap(current -> rewrapFrom(primary, SMALLEST, new Tally(primary, current)))
                    .map(Tally::report);
        });
    }

    /** Re-wraps the rows not under {@code primary} after {@code after} in id order, a batch at a time. */
    private Uni<Tally> rewrapFrom(String primary, UUID after, Tally tally) {
        return Panache.withSession(() -> credentials.idsNotUnderKey(primary, after, BATCH))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> rewrapOne(id).invoke(done -> tally.add(id, done)))
                        .collect().last()
                        .flatMap(last -> ids.size() < BATCH
                                ? Uni.createFrom().item(tally)
                                : rewrapFrom(primary, ids.getLast(), tally)));
    }

    private Uni<Outcome> rewrapOne(UUID id) {
        return Panache.withTransaction(() -> credentials.findForUpdate(id).map(credential -> {
            if (credential == null) {
                return Outcome.GONE;
            }
            if (credential.keyId.equals(cipher.primaryKeyId())) {
                return Outcome.ALREADY_CURRENT;
            }
            try {
                credential.store(cipher.rewrap(credential.organizationId, credential.id, credential.sealed()));
                return Outcome.REWRAPPED;
            } catch (UnreadableSecretException e) {
                LOG.errorf("credential %s of organization %s was not re-wrapped (master key '%s', %s): %s",
                        credential.id, credential.organizationId, credential.keyId, e.reason(), e.getMessage());
                return Outcome.FAILED;
            }
        }));
    }

    /** The outcomes so far; rows a concurrent secret replacement moved to the primary key count as current. */
    private static final class Tally {

        private final String primary;
        private long rewrapped;
        private long alreadyCurrent;
        private final List<UUID> failed = new ArrayList<>();

        Tally(String primary, long alreadyCurrent) {
            this.primary = primary;
            this.alreadyCurrent = alreadyCurrent;
        }

        void add(UUID id, Outcome outcome) {
            switch (outcome) {
                case REWRAPPED -> rewrapped++;
                case ALREADY_CURRENT -> alreadyCurrent++;
                case FAILED -> failed.add(id);
                case GONE -> {
                    // Deleted meanwhile: nothing to count.
                }
            }
        }

        RewrapReport report() {
            LOG.infof("credential re-wrap under master key '%s': %d re-wrapped, %d already current, %d failed",
                    primary, rewrapped, alreadyCurrent, failed.size());
            return new RewrapReport(primary, rewrapped, alreadyCurrent, failed.size(), List.copyOf(failed));
        }
    }

    /** Logs, at start, how many rows each master key wraps, and whether any need a re-wrap. Never fails the start. */
    void onStart(@Observes StartupEvent event) {
        try {
            logKeyUsage(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(credentials::countByKeyId)));
        } catch (Throwable e) {
            LOG.warnf("could not count integration credentials by master key: %s", e.toString());
        }
    }

    void logKeyUsage(Map<String, Long> countsByKey) {
        String primary = cipher.primaryKeyId();
        long underOthers = countsByKey.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(primary)).mapToLong(Map.Entry::getValue).sum();
        if (underOthers == 0) {
            LOG.infof("integration credentials: %d under the primary master key '%s', none under other keys",
                    countsByKey.getOrDefault(primary, 0L), primary);
            return;
        }
        List<String> others = new ArrayList<>();
        countsByKey.forEach((keyId, count) -> {
            if (!keyId.equals(primary)) {
                others.add(keyId + ": " + count + (cipher.isConfigured(keyId) ? "" : " (not configured: unreadable)"));
            }
        });
        LOG.warnf("integration credentials: %d under the primary master key '%s', %d under other keys (%s); "
                + "POST /api/v1/identity/admin/credentials/rewrap re-wraps them", countsByKey.getOrDefault(primary, 0L),
                primary, underOthers, String.join(", ", others));
    }
}
