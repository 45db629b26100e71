package io.devhealth.sync.job.completion;

import io.devhealth.sync.client.SyncRun;

/**
 * How a run ended, from this instance's point of view.
 *
 * @param run   the run as identity returned it from the completion (or the claim, when not completed)
 * @param error the failure reason recorded (or that would have been), {@code null} on success
 */
public record RunOutcome(Result result, SyncRun run, String error) {

    public enum Result {
        /** Completed as succeeded in identity. */
        SUCCEEDED,
        /** Completed as failed in identity (the error says why). */
        FAILED,
        /** The lease was lost: the run was abandoned without completing it. */
        LEASE_LOST,
        /** The completion call itself failed; identity fails the run when its lease expires. */
        NOT_COMPLETED
    }
}
