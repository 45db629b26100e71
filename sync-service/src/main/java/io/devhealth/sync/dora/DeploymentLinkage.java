package io.devhealth.sync.dora;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.dora.DeploymentLinker.ChangeFact;
import io.devhealth.sync.dora.DeploymentLinker.DeploymentFact;
import io.devhealth.sync.dora.DeploymentOutcome.IncidentEffect;
import io.devhealth.sync.dora.LinkageInput.PullRequest;
import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.git.GitAncestry;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.TableBatcher;
import io.devhealth.sync.sink.WriteFence;

/**
 * Writes one repository's DORA facts ({@code deployment_facts}, {@code change_facts}; migrations/clickhouse V3) at
 * sync time, from what the providers stored ({@code deployments}, {@code deployment_statuses}, {@code incidents},
 * {@code pull_requests}, {@code pull_request_commits}) and the repository's git history ({@link DeploymentLinker}
 * says how links are made). Called by a hosted provider after it synced a repository's deployments and history.
 *
 * <p>Incidents are linked by {@link IncidentLinkage} after each sync of deployments or incidents; this linkage keeps
 * the links it finds in {@code incident_links} when it writes the outcome columns, so both agree at all times.
 *
 * <p>Every call recomputes the repository's facts whole, so a late status, a deleted deployment or a newly linked
 * incident is reflected at once: the facts are written with a version newer than every earlier computation's, then
 * facts of the repository the computation did not produce are tombstoned ({@code is_deleted = 1}) inside ClickHouse.
 * A deployment counts when it ever reached {@code success} (GitHub marks superseded deployments {@code inactive}).
 * Production: the provider's flag (a GitHub environment named like production, a GitLab {@code production} tier) or
 * an environment the organization's {@code dora.production-environments} setting names ({@link ProductionEnvironments}).
 */
@ApplicationScoped
public class DeploymentLinkage {

    private final LinkageSources sources;
    private final ClickHouseSink sink;

    public DeploymentLinkage(LinkageSources sources, ClickHouseSink sink) {
        this.sources = sources;
        this.sink = sink;
    }

    /**
     * What one linkage wrote: facts per table, deployments whose commit the repository lacks, failed deployments.
     */
    public record Outcome(long deploymentFacts, long changeFacts, int unknownCommits, long failedDeployments) {
    }

    /**
     * Links the repository's deployments and writes its facts.
     *
     * @param orgSettings the organization's settings as the run received them (for
     *                    {@link ProductionEnvironments#SETTING})
     * @throws SyncFailedException git or ClickHouse failed; facts written before stay (the next run replaces them)
     */
    public Outcome link(UUID orgId, UUID repoId, GitAncestry git, Map<String, Object> orgSettings, WriteFence fence)
            throws SyncFailedException {
        LinkageInput input = sources.read(orgId, repoId, ProductionEnvironments.from(orgSettings));
        DeploymentLinker.Result result = new DeploymentLinker(git, HotfixRules.from(orgSettings)).link(input);
        long version = sources.nextVersion(orgId, repoId);
        try (SinkSession session = sink.open(version, orgId + "/dora/" + repoId, fence)) {
            try (TableBatcher deployments = session.batcher(DoraTables.DEPLOYMENT_FACTS);
                    TableBatcher changes = session.batcher(DoraTables.CHANGE_FACTS)) {
                result.deployments().forEach(fact -> write(deployments, orgId, repoId, fact,
                        input.incidentEffects(), version));
                result.changes().forEach(fact -> write(changes, orgId, repoId, fact, version));
            }
            session.finish(); // the new facts are durable before the old ones are tombstoned
        }
        sources.tombstoneOlder(orgId, repoId, version);
        long failed = result.deployments().stream()
                .filter(f -> !outcome(f, input.incidentEffects()).failureCause().isEmpty()).count();
        return new Outcome(result.deployments().size(), result.changes().size(), result.unknownCommits(), failed);
    }

    /** The sequence's outcome of the deployment combined with the incidents currently linked to the repository. */
    private static DeploymentOutcome outcome(DeploymentFact fact, List<IncidentEffect> effects) {
        return DeploymentOutcome.combine(fact.deployment().id(), sequence(fact), effects);
    }

    private static DeploymentOutcome sequence(DeploymentFact fact) {
        return new DeploymentOutcome(fact.failureCause(), fact.recoveredAt(), fact.rework());
    }

    private static void write(TableBatcher batcher, UUID orgId, UUID repoId, DeploymentFact fact,
            List<IncidentEffect> effects, long version) {
        var d = fact.deployment();
        DeploymentOutcome outcome = outcome(fact, effects);
        FactRows.deployment(batcher.row(), orgId, repoId, d.provider(), d.id(), d.environment(), d.production(),
                d.pipelineId(), d.sha(), d.finishedAt(), fact.changes(), outcome, sequence(fact), version);
        batcher.endRow(d.id());
    }

    private static void write(TableBatcher batcher, UUID orgId, UUID repoId, ChangeFact fact, long version) {
        var d = fact.deployment();
        PullRequest pr = fact.pullRequest();
        batcher.row().uuid(orgId).uuid(repoId).string(d.environment()).bool(d.production())
                .string(fact.commit().sha()).dateTime64Millis(fact.commit().authoredAt())
                .dateTime64Millis(fact.commit().committedAt())
                .nullableUint64(pr == null ? null : pr.number())
                .nullableDateTime64Millis(pr == null ? null : pr.openedAt())
                .nullableDateTime64Millis(pr == null ? null : pr.firstReviewAt())
                .nullableDateTime64Millis(pr == null ? null : pr.mergedAt())
                .string(d.id()).dateTime64Millis(d.finishedAt()).string(fact.linkMethod()).uint8(0).uint64(version);
        batcher.endRow(d.environment().getBytes(StandardCharsets.UTF_8),
                fact.commit().sha().getBytes(StandardCharsets.US_ASCII));
    }
}
