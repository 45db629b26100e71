package io.devhealth.sync.provider.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.Vetoed;

/**
 * A {@link ProviderTime} whose clock only moves when someone sleeps: {@link #sleepUntil} records the wait and jumps
 * the clock there at once, so rate-limit tests assert exactly how long a run would have waited without waiting.
 */
@Vetoed // a subclass of a bean class, made by tests only
public final class FakeTime extends ProviderTime {

    private volatile Instant now;
    private final List<Instant> sleeps = new CopyOnWriteArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Override
    public synchronized void sleepUntil(Instant until) {
        if (!sleeps.contains(until)) { // concurrent requests of one credential wait for the same instant
            sleeps.add(until);
        }
        if (until.isAfter(now)) {
            now = until;
        }
    }

    public Instant now() {
        return now;
    }

    /** Every instant slept until, in order, each once. */
    public List<Instant> sleeps() {
        return List.copyOf(sleeps);
    }
}
