package io.devhealth.identity.org.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.devhealth.identity.config.AuthConfig;
import io.devhealth.identity.org.CallerAccess;
import io.smallrye.mutiny.Uni;

/**
 * Recently read {@link CallerAccess} rows, per (user, {@code {org}} path segment as sent), so that repeated
 * organization-scoped reads skip PostgreSQL. Freshness:
 * <ul>
 * <li>every change made through this replica (membership, role, organization, superuser flag, deactivation) empties
 * the cache once its transaction has committed ({@link ChangesAccess}), so the next request sees it;</li>
 * <li>changes made elsewhere (another replica, SQL) show within {@link AuthConfig#accessCacheTtl()}: no row older
 * than that (counted from the start of the query that read it) is ever used.</li>
 * </ul>
 * A row read while a change commits is not kept: {@link #invalidateAll()} moves a generation, and a load that
 * started in an older generation drops what it read. A row past half its lifetime is re-read in the background by
 * the first request that uses it, so under steady traffic no request waits for PostgreSQL (otherwise every request
 * arriving while an expired row is re-read goes to the database too: at 64 connections, a burst of queries every
 * lifetime).
 */
@ApplicationScoped
public class CallerAccessCache {

    private static final Logger LOG = Logger.getLogger(CallerAccessCache.class);
    /** Bounds memory (an entry is well under 1 KB): far more than the (user, organization) pairs active at once. */
    private static final int MAX_ENTRIES = 20_000;

    private final Cache<Key, Entry> entries;
    private final Ticker ticker;
    private final long refreshAfterNanos;
    private final AtomicLong generation = new AtomicLong();

    @Inject
    CallerAccessCache(AuthConfig config) {
        this(config.accessCacheTtl(), Ticker.systemTicker());
    }

    /** A cache keeping rows for {@code ttl}, reading time from {@code ticker} (nanoseconds; tests drive it). */
    CallerAccessCache(Duration ttl, Ticker ticker) {
        long ttlNanos = ttl.toNanos();
        this.ticker = ticker;
        refreshAfterNanos = ttlNanos / 2;
        entries = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.writing((Key key, Entry entry) ->
                        Duration.ofNanos(ttlNanos - (ticker.read() - entry.readAt()))))
                .maximumSize(MAX_ENTRIES)
                .build();
    }

    /** The cached row for {@code userId} and {@code orgRef}, else what {@code load} reads (kept when not null). */
    Uni<CallerAccess> get(UUID userId, String orgRef, Supplier<Uni<CallerAccess>> load) {
        Key key = new Key(userId, orgRef);
        Entry cached = entries.getIfPresent(key);
        if (cached == null) {
            return load(key, load);
        }
        if (ticker.read() - cached.readAt() > refreshAfterNanos && cached.refreshing().compareAndSet(false, true)) {
            load(key, load).subscribe().with(fresh -> {
            }, failure -> {
                LOG.debugf("re-reading an organization access row failed (the next request retries): %s",
                        failure.getMessage());
                cached.refreshing().set(false);
            });
        }
        return Uni.createFrom().item(cached.access());
    }

    /** Forgets every row: called after a committed change to memberships, roles, organizations or users. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    private Uni<CallerAccess> load(Key key, Supplier<Uni<CallerAccess>> load) {
        long loadedIn = generation.get();
        long readAt = ticker.read();
        return load.get().invoke(loaded -> {
            if (loaded == null) {
                entries.invalidate(key);
                return;
            }
            entries.put(key, new Entry(loaded, readAt, new AtomicBoolean()));
            // Put first, then check: an invalidation between the read and the put removes the row either way.
            if (generation.get() != loadedIn) {
                entries.invalidate(key);
            }
        });
    }

    private record Key(UUID userId, String orgRef) {
    }

    /** A row, when the query that read it started ({@link Ticker#read()}), and whether a re-read is under way. */
    private record Entry(CallerAccess access, long readAt, AtomicBoolean refreshing) {
    }
}
