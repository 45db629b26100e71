package io.devhealth.sync.client;

import java.util.UUID;

/**
 * identity answered 409 to a heartbeat or completion: this instance no longer holds the run's lease (it
 * expired and another instance took the configuration over, or the run already ended). The holder must stop
 * working on the run and must not complete it.
 */
public final class LeaseLostException extends IdentityException.Answer {

    private final UUID runId;

    public LeaseLostException(UUID runId, Throwable cause) {
        super("lease of sync run " + runId + " lost", cause);
        this.runId = runId;
    }

    public UUID runId() {
        return runId;
    }
}
