package io.devhealth.sync.job;

/** The wait between two polls of a deadline-bounded loop (never synchronization by itself). */
public final class Polling {

    private Polling() {
    }

    public static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
