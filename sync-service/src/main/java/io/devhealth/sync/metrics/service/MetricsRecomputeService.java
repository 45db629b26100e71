package io.devhealth.sync.metrics.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.job.service.RunAccess;
import io.devhealth.sync.metrics.MetricsException;
import io.devhealth.sync.metrics.OrgTimeZone;
import io.devhealth.sync.metrics.config.MetricsConfig;
import io.devhealth.sync.metrics.repository.MetricsRecompute;
import io.devhealth.sync.metrics.repository.MetricsRecomputeRepository;

/**
 * The metrics recomputation API's use cases on behalf of a caller: request a recomputation of a range of days of
 * every daily metric table of an organization (org admins), follow its progress (members). Rows are keyed
 * deterministically and replaced (ReplacingMergeTree), so recomputing a range twice yields the same rows; a request
 * for a range already being recomputed answers that recomputation instead of starting another.
 */
@ApplicationScoped
public class MetricsRecomputeService {

    private final RunAccess access;
    private final IdentityClient identity;
    private final MetricsRecomputeRepository store;
    private final MetricsRecomputeRunner runner;
    private final MetricsConfig.Recompute config;

    MetricsRecomputeService(RunAccess access, IdentityClient identity, MetricsRecomputeRepository store,
            MetricsRecomputeRunner runner, MetricsConfig config) {
        this.access = access;
        this.identity = identity;
        this.store = store;
        this.runner = runner;
        this.config = config.recompute();
    }

    /**
     * Starts (or joins) the recomputation of {@code from}..{@code to} (ISO-8601 days of the organization's zone).
     *
     * @throws ProblemException 400 for a bad range, 403/404 (caller, organization), 503 when ClickHouse fails
     */
    public MetricsRecompute start(JsonWebToken caller, String org, String from, String to) {
        UUID orgId = access.require(caller, org, OrgPermission.METRICS_RECOMPUTE);
        OrgTimeZone zone = OrgTimeZone.from(identity.orgSettings(orgId).settings());
        RecomputeRange range = RecomputeRange.parse(from, to, LocalDate.now(zone.zoneId()), config.maxDays());
        try {
            Instant now = Instant.now();
            for (MetricsRecompute active : store.active(orgId, range.from(), range.to(), zone.id())) {
                if (!abandoned(active, now)) {
                    return active;
                }
            }
            MetricsRecompute queued = new MetricsRecompute(orgId, UUID.randomUUID(), range.from(), range.to(),
                    zone.id(), MetricsRecompute.QUEUED, range.days(), 0, "", caller.getSubject(), now, now);
            store.save(queued);
            runner.start(queued);
            return queued;
        } catch (MetricsException e) {
            throw ProblemException.upstreamUnavailable("ClickHouse is unavailable: " + e.getMessage());
        }
    }

    /**
     * The recomputation {@code id} of {@code org}; one whose replica stopped heartbeating for
     * {@code devhealth.metrics.recompute.stale-after} is shown failed (abandoned).
     *
     * @throws ProblemException 403/404 (caller, organization, a recomputation of another organization)
     */
    public MetricsRecompute find(JsonWebToken caller, String org, UUID id) {
        UUID orgId = access.require(caller, org, OrgPermission.SYNC_READ);
        MetricsRecompute found;
        try {
            found = store.find(orgId, id).orElseThrow(() -> ProblemException.notFound(
                    "metrics recomputation " + id + " not found in organization " + org));
        } catch (MetricsException e) {
            throw ProblemException.upstreamUnavailable("ClickHouse is unavailable: " + e.getMessage());
        }
        Instant now = Instant.now();
        return abandoned(found, now)
                ? found.failed("abandoned: its sync-service replica stopped before it finished", found.updatedAt())
                : found;
    }

    private boolean abandoned(MetricsRecompute recompute, Instant now) {
        return recompute.active() && recompute.updatedAt().plus(config.staleAfter()).isBefore(now);
    }
}
