package io.devhealth.identity.org.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.org.CallerAccess;
import io.devhealth.support.auth.OrgRole;
import io.smallrye.mutiny.Uni;

/**
 * The cache itself, on a clock the tests move: hits skip the query, an invalidation forgets, a row read across an
 * invalidation is dropped, a row past half its lifetime is re-read in the background and none outlives its lifetime.
 */
class CallerAccessCacheTests {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallerAccessCache cache = new CallerAccessCache(TTL, now::get);
    private final UUID userId = UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aSecondReadIsServedFromTheCacheUntilInvalidated() {
        CallerAccess first = read("acme", OrgRole.MEMBER);
        CallerAccess second = read("acme", OrgRole.ADMIN);
        assertThat(loads).hasValue(1);
        assertThat(second).isSameAs(first);
        read("other-org", OrgRole.MEMBER);
        assertThat(loads).hasValue(2);

        cache.invalidateAll();
        assertThat(read("acme", OrgRole.ADMIN).role()).isEqualTo(OrgRole.ADMIN);
        assertThat(loads).hasValue(3);
    }

    @Test
    void aRowReadWhileAChangeCommitsIsNotKept() {
        // The change commits (and empties the cache) after the query read the old row, before it answered.
        CallerAccess stale = cache.get(userId, "acme", () -> {
            loads.incrementAndGet();
            cache.invalidateAll();
            return Uni.createFrom().item(access(OrgRole.OWNER));
        }).await().atMost(WAIT);
        assertThat(stale.role()).isEqualTo(OrgRole.OWNER);

        assertThat(read("acme", OrgRole.VIEWER).role()).isEqualTo(OrgRole.VIEWER);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aRowPastHalfItsLifetimeIsReReadWhileTheCachedOneAnswers() {
        read("acme", OrgRole.MEMBER);
        advance(TTL.dividedBy(2).minusMillis(1));
        assertThat(read("acme", OrgRole.ADMIN).role()).isEqualTo(OrgRole.MEMBER);
        assertThat(loads).hasValue(1);

        advance(Duration.ofMillis(2));
        assertThat(read("acme", OrgRole.ADMIN).role()).as("answered from the cache").isEqualTo(OrgRole.MEMBER);
        assertThat(loads).as("re-read in the background").hasValue(2);
        assertThat(read("acme", OrgRole.VIEWER).role()).isEqualTo(OrgRole.ADMIN);
        assertThat(loads).hasValue(2);
    }

    @Test
    void noRowOutlivesItsLifetime() {
        read("acme", OrgRole.MEMBER);
        advance(TTL);

        assertThat(read("acme", OrgRole.VIEWER).role()).isEqualTo(OrgRole.VIEWER);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anUnknownUserIsNotCachedAndARowThatVanishedIsForgotten() {
        for (int i = 0; i < 2; i++) {
            assertThat(readNothing()).isNull();
        }
        assertThat(loads).hasValue(2);

        read("acme", OrgRole.MEMBER);
        advance(TTL.dividedBy(2).plusMillis(1));
        assertThat(readNothing()).as("still within its lifetime").isNotNull();
        assertThat(loads).as("the re-read found no row").hasValue(4);
        assertThat(readNothing()).isNull();
        assertThat(loads).hasValue(5);
    }

    private CallerAccess read(String orgRef, OrgRole role) {
        return cache.get(userId, orgRef, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(access(role));
        }).await().atMost(WAIT);
    }

    private CallerAccess readNothing() {
        return cache.get(userId, "acme", () -> {
            loads.incrementAndGet();
            return Uni.createFrom().<CallerAccess>nullItem();
        }).await().atMost(WAIT);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private CallerAccess access(OrgRole role) {
        return new CallerAccess(userId, "someone@example.test", null, false, true,
                new CallerAccess.OrganizationRow(UUID.randomUUID(), "acme", "Acme", Instant.now()), role);
    }
}
