package io.devhealth.identity.org.service;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.devhealth.identity.config.AuthConfig;
import io.devhealth.identity.org.CallerAccess;
import io.smallrye.mutiny.Uni;

/**
 * Recently read {@link CallerAccess} rows, per (user, {@code {org}} path segment as sent), so that repeated
 * organization-scoped reads skip PostgreSQL. Freshness:
 * <ul>
 * <li>every change made through this replica (membership, role, organization, superuser flag, deactivation) empties
 * the cache once its transaction has committed ({@link ChangesAccess}), so the next request sees it;</li>
 * <li>changes made elsewhere (another replica, SQL) show within {@link AuthConfig#accessCacheTtl()}.</li>
 * </ul>
 * A row read while a change commits is not kept: {@link #invalidateAll()} moves a generation, and a load that
 * started in an older generation drops what it read.
 */
@ApplicationScoped
public class CallerAccessCache {

    /** Bounds memory (an entry is well under 1 KB): far more than the (user, organization) pairs active at once. */
    private static final int MAX_ENTRIES = 20_000;

    private final Cache<Key, CallerAccess> entries;
    private final AtomicLong generation = new AtomicLong();

    CallerAccessCache(AuthConfig config) {
        entries = Caffeine.newBuilder()
                .expireAfterWrite(config.accessCacheTtl())
                .maximumSize(MAX_ENTRIES)
                .build();
    }

    /** The cached row for {@code userId} and {@code orgRef}, else what {@code load} reads (kept when not null). */
    Uni<CallerAccess> get(UUID userId, String orgRef, Supplier<Uni<CallerAccess>> load) {
        Key key = new Key(userId, orgRef);
        CallerAccess cached = entries.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long loadedIn = generation.get();
        return load.get().invoke(loaded -> {
            if (loaded != null) {
                entries.put(key, loaded);
                // Put first, then check: an invalidation between the load and the put removes it either way.
                if (generation.get() != loadedIn) {
                    entries.invalidate(key);
                }
            }
        });
    }

    /** Forgets every row: called after a committed change to memberships, roles, organizations or users. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    private record Key(UUID userId, String orgRef) {
    }
}
