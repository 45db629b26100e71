package io.devhealth.sync.provider.http;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The clock HTTP providers read and the way they wait (rate limits, back-off). A bean of its own so that tests run a
 * clock that jumps instead of sleeping.
 */
@ApplicationScoped
public class ProviderTime implements Sleeper {

    private final Clock clock;
    private final Sleeper sleeper;

    public ProviderTime() {
        this(Clock.systemUTC());
    }

    private ProviderTime(Clock clock) {
        this.clock = clock;
        this.sleeper = Sleeper.system(clock);
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void sleepUntil(Instant until) throws InterruptedException {
        sleeper.sleepUntil(until);
    }
}
