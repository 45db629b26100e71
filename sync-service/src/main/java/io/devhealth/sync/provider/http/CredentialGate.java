package io.devhealth.sync.provider.http;

import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * The requests of one credential: at most {@code permits} in flight, and one shared pause — when any request of the
 * credential learns the window is spent, every other request of it waits until the reset as well instead of
 * collecting refusals (which GitHub punishes with secondary limits).
 */
public final class CredentialGate {

    private final Semaphore permits;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile String pauseReason = "";

    CredentialGate(int permits) {
        this.permits = new Semaphore(Math.max(1, permits), true);
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    void release() {
        permits.release();
    }

    /** Requests of this credential wait until {@code until} (a later pause wins). */
    synchronized void pauseUntil(Instant until, String reason) {
        if (until.isAfter(pausedUntil)) {
            pauseReason = reason;
            pausedUntil = until;
        }
    }

    String pauseReason() {
        return pauseReason;
    }

    Instant pausedUntil() {
        return pausedUntil;
    }

    /** Free permits (tests). */
    public int available() {
        return permits.availablePermits();
    }
}
