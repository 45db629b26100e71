package io.devhealth.sync.provider;

/**
 * One provider's sync (git now; GitHub, GitLab, Jira, PagerDuty later). Implementations are CDI beans; the job
 * selects the bean whose {@link #provider()} equals the sync configuration's {@code provider}.
 */
public interface ProviderSync {

    /** The provider key as stored on sync configurations, e.g. {@code "git"}. */
    String provider();

    /**
     * Runs one sync to completion. Blocking: call it on a virtual or worker thread, never on the event loop.
     *
     * @return rows written per table, the cursor to commit on success, and non-fatal warnings
     * @throws SyncFailedException with a reason fit for users when the sync cannot complete; nothing written
     *         before the failure is reported as done (the job leaves the cursor unmoved)
     */
    SyncOutcome run(SyncContext context) throws SyncFailedException;
}
