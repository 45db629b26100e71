package io.devhealth.identity.org.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.org.CallerAccess;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The cache itself: hits skip the query, an invalidation forgets, and a row read across an invalidation is dropped. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CallerAccessCacheTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    CallerAccessCache cache;

    @Test
    void aSecondReadIsServedFromTheCacheUntilInvalidated() {
        UUID userId = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();

        CallerAccess first = read(userId, "acme", loads, OrgRole.MEMBER);
        CallerAccess second = read(userId, "acme", loads, OrgRole.ADMIN);
        assertThat(loads).hasValue(1);
        assertThat(second).isSameAs(first);
        read(userId, "other-org", loads, OrgRole.MEMBER);
        assertThat(loads).hasValue(2);

        cache.invalidateAll();
        assertThat(read(userId, "acme", loads, OrgRole.ADMIN).role()).isEqualTo(OrgRole.ADMIN);
        assertThat(loads).hasValue(3);
    }

    @Test
    void aRowReadWhileAChangeCommitsIsNotKept() {
        UUID userId = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();

        // The change commits (and empties the cache) after the query read the old row, before it answered.
        CallerAccess stale = cache.get(userId, "acme", () -> {
            loads.incrementAndGet();
            cache.invalidateAll();
            return Uni.createFrom().item(access(userId, OrgRole.OWNER));
        }).await().atMost(WAIT);
        assertThat(stale.role()).isEqualTo(OrgRole.OWNER);

        assertThat(read(userId, "acme", loads, OrgRole.VIEWER).role()).isEqualTo(OrgRole.VIEWER);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anUnknownUserIsNotCached() {
        UUID userId = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThat(cache.get(userId, "acme", () -> {
                loads.incrementAndGet();
                return Uni.createFrom().<CallerAccess>nullItem();
            }).await().atMost(WAIT)).isNull();
        }
        assertThat(loads).hasValue(2);
    }

    private CallerAccess read(UUID userId, String orgRef, AtomicInteger loads, OrgRole role) {
        return cache.get(userId, orgRef, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(access(userId, role));
        }).await().atMost(WAIT);
    }

    private static CallerAccess access(UUID userId, OrgRole role) {
        return new CallerAccess(userId, "someone@example.test", null, false, true,
                new CallerAccess.OrganizationRow(UUID.randomUUID(), "acme", "Acme", Instant.now()), role);
    }
}
