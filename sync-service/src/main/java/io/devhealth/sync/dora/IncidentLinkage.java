package io.devhealth.sync.dora;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.dora.DeploymentOutcome.IncidentEffect;
import io.devhealth.sync.dora.IncidentLinker.Link;
import io.devhealth.sync.dora.LinkageSources.OrgDeployment;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.TableBatcher;
import io.devhealth.sync.sink.WriteFence;

/**
 * Links every incident of an organization to the deployment that caused it ({@link IncidentLinker} says how) and
 * brings the deployments' DORA outcomes up to date, without git: it reads the deployment facts the git linkage wrote
 * ({@link DeploymentLinkage}: their sequence part), the incidents, identity's corrections and the production changes
 * the incidents reference, writes one {@code incident_links} row per incident (links of incidents gone are
 * tombstoned), and rewrites the {@code deployment_facts} rows whose combined outcome changed.
 *
 * <p>Runs after every sync that writes deployments or incidents and after every correction. Idempotent: a rerun on
 * unchanged data rewrites the links with a newer version and no deployment fact. Two concurrent relinks of one
 * organization both compute from committed data; the later version wins, and the next relink repairs a lost race.
 */
@ApplicationScoped
public class IncidentLinkage {

    private final LinkageSources sources;
    private final ClickHouseSink sink;

    public IncidentLinkage(LinkageSources sources, ClickHouseSink sink) {
        this.sources = sources;
        this.sink = sink;
    }

    /**
     * What one relink did.
     *
     * @param incidents             incidents linked or left unlinked
     * @param linked                of them linked to a deployment
     * @param deploymentsRewritten  deployment facts whose outcome changed
     */
    public record Outcome(int incidents, int linked, int deploymentsRewritten) {
    }

    /** @throws SyncFailedException ClickHouse failed; what was written stays consistent (links and facts agree) */
    public Outcome relink(UUID orgId, WriteFence fence) throws SyncFailedException {
        List<OrgDeployment> facts = sources.orgDeployments(orgId);
        List<IncidentLinker.Incident> incidents = sources.orgIncidents(orgId);
        List<IncidentLinker.ShippedChange> changes = sources.referencedChanges(orgId, incidents);
        List<Link> links = new IncidentLinker(facts.stream().map(OrgDeployment::deployment).toList(), changes)
                .link(incidents, sources.orgCorrections(orgId));
        Map<UUID, List<IncidentEffect>> effects = new HashMap<>();
        int linked = 0;
        for (Link link : links) {
            if (link.deployment() != null) {
                linked++;
                effects.computeIfAbsent(link.deployment().repoId(), repo -> new ArrayList<>()).add(link.effect());
            }
        }
        long version = sources.nextOrgVersion(orgId);
        int rewritten = 0;
        try (SinkSession session = sink.open(version, orgId + "/incident-links", fence)) {
            try (TableBatcher linkRows = session.batcher(DoraTables.INCIDENT_LINKS);
                    TableBatcher factRows = session.batcher(DoraTables.DEPLOYMENT_FACTS)) {
                long now = System.currentTimeMillis();
                for (Link link : links) {
                    write(linkRows, orgId, link, now, version);
                }
                for (OrgDeployment fact : facts) {
                    IncidentLinker.Deployment d = fact.deployment();
                    DeploymentOutcome outcome = DeploymentOutcome.combine(d.id(), fact.sequence(),
                            effects.getOrDefault(d.repoId(), List.of()));
                    if (!outcome.equals(fact.current())) {
                        FactRows.deployment(factRows.row(), orgId, d.repoId(), fact.provider(), d.id(),
                                d.environment(), d.production(), fact.pipelineId(), d.sha(), d.finishedAt(),
                                fact.changes(), outcome, fact.sequence(), version);
                        factRows.endRow(d.repoId() + "/" + d.id());
                        rewritten++;
                    }
                }
            }
            session.finish(); // the new links are durable before the old ones are tombstoned
        }
        sources.tombstoneOlderLinks(orgId, version);
        return new Outcome(links.size(), linked, rewritten);
    }

    private static void write(TableBatcher batcher, UUID orgId, Link link, long now, long version) {
        IncidentLinker.Incident incident = link.incident();
        batcher.row().uuid(orgId).string(incident.provider()).string(incident.id())
                .dateTime64Millis(incident.createdAt())
                .nullableUuid(link.deployment() == null ? null : link.deployment().repoId())
                .string(link.deployment() == null ? "" : link.deployment().id())
                .string(link.method()).string(link.reason()).string(link.remediation())
                .nullableDateTime64Millis(link.recoveredAt()).dateTime64Millis(now).uint8(0).uint64(version);
        batcher.endRow(incident.provider() + "/" + incident.id());
    }
}
