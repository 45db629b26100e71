package io.devhealth.sync.provider;

/**
 * Work that follows every successful provider run once its rows are durable, inside the run (same lease, same
 * fence): derived data that spans providers, such as incidents linked to deployments. A failure fails the run, whose
 * rows stay; the next run does the work again.
 */
public interface SyncFollowUp {

    /**
     * @param provider the provider that ran ({@code git}, {@code github}, …)
     * @throws SyncFailedException the work failed (the message becomes the run's error)
     */
    void afterSync(String provider, SyncContext context) throws SyncFailedException;
}
