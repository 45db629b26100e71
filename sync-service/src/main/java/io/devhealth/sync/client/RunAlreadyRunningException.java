package io.devhealth.sync.client;

import java.util.UUID;

/** identity answered 409 to a claim: a run of the configuration is already running with a live lease. */
public final class RunAlreadyRunningException extends IdentityException.Answer {

    private final UUID syncConfigurationId;

    public RunAlreadyRunningException(UUID syncConfigurationId, Throwable cause) {
        super("a run of sync configuration " + syncConfigurationId + " is already running", cause);
        this.syncConfigurationId = syncConfigurationId;
    }

    public UUID syncConfigurationId() {
        return syncConfigurationId;
    }
}
