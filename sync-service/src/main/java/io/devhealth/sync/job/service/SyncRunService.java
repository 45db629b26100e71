package io.devhealth.sync.job.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.RunAlreadyRunningException;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;

/**
 * The sync API's use cases, on behalf of a caller: start a run of a configuration, read a run. Runs and
 * configurations live in identity-service; the caller's rights come from {@link RunAccess}.
 */
@ApplicationScoped
public class SyncRunService {

    private final RunAccess access;
    private final IdentityClient identity;
    private final RunLauncher launcher;

    @Inject
    public SyncRunService(RunAccess access, IdentityClient identity, RunLauncher launcher) {
        this.access = access;
        this.identity = identity;
        this.launcher = launcher;
    }

    /**
     * Starts a manual run of the configuration {@code configurationId} of {@code org}.
     *
     * @return the run as claimed (status running, phase starting); it executes in the background
     * @throws ProblemException           403/404 (caller, organization, configuration of another org), 409 when
     *                                    the configuration is disabled
     * @throws RunAlreadyRunningException when a run of the configuration is already running (a 409 problem)
     */
    public SyncRun start(JsonWebToken caller, String org, UUID configurationId) {
        UUID orgId = access.require(caller, org, OrgPermission.SYNC_MANAGE);
        SyncConfiguration configuration = identity.findConfiguration(configurationId)
                .filter(found -> orgId.equals(found.orgId()))
                .orElseThrow(() -> ProblemException.notFound(
                        "sync configuration " + configurationId + " not found in organization " + org));
        if (!configuration.enabled()) {
            throw ProblemException.conflict(
                    "sync configuration " + configurationId + " is disabled; enable it to run it");
        }
        return launcher.startManual(configuration, requesterId(caller));
    }

    /**
     * The run {@code runId} of {@code org} with its live progress.
     *
     * @throws ProblemException 403/404 (caller, organization, a run of another organization)
     */
    public SyncRun find(JsonWebToken caller, String org, UUID runId) {
        UUID orgId = access.require(caller, org, OrgPermission.SYNC_READ);
        return identity.findRun(org, runId, RunAccess.bearer(caller))
                .filter(run -> orgId.equals(run.orgId()))
                .orElseThrow(() -> ProblemException.notFound("sync run " + runId + " not found in organization " + org));
    }

    /** The user's id (token subject); null for tokens whose subject is not a user id. */
    private static UUID requesterId(JsonWebToken caller) {
        try {
            return caller.getSubject() == null ? null : UUID.fromString(caller.getSubject());
        } catch (IllegalArgumentException notAUser) {
            return null;
        }
    }
}
