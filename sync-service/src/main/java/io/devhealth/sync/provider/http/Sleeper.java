package io.devhealth.sync.provider.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until an instant. Injected so tests replace real waiting by a clock that jumps (no sleeps in tests); the
 * system one sleeps in slices, so an interrupt (lease lost, shutdown) ends a long rate-limit wait at once.
 */
@FunctionalInterface
public interface Sleeper {

    void sleepUntil(Instant until) throws InterruptedException;

    /** Sleeps on the calling (virtual) thread according to {@code clock}. */
    static Sleeper system(Clock clock) {
        return until -> {
            while (true) {
                Duration left = Duration.between(clock.instant(), until);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                Thread.sleep(Math.min(left.toMillis() + 1, 1_000));
            }
        };
    }
}
