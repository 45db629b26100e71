package io.devhealth.sync.dora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Links each incident of an organization to the deployment that caused it, without git, in this order:
 * <ol>
 * <li>{@code manual}: the organization's correction (identity's incident link corrections), which may also say
 * that no deployment caused it;</li>
 * <li>{@code explicit-deployment}: a deployment the incident names (the provider's own field, or its text);</li>
 * <li>{@code explicit-commit}: the first production deployment that shipped a commit the incident names;</li>
 * <li>{@code explicit-pull-request}: the first production deployment that shipped a pull/merge request the incident
 * names (within the incident's repositories);</li>
 * <li>{@code last-production-deployment}: the last production deployment of the incident's repositories (its
 * issue's repository, its PagerDuty service's) finished at or before it was triggered; a tie (two deployments
 * finished in the same millisecond) goes to the greater (repository id, deployment id), so reruns agree.</li>
 * </ol>
 * Otherwise it stays unlinked ({@code none}) with a reason. Several explicit candidates of one kind: the one
 * finished last at or before the incident, else the first after it.
 *
 * <p>A linked incident's remediation is the next deployment of the failed one's repository and environment
 * finished after the incident began and, when it is resolved, not after its resolution: that deployment is
 * unplanned rework. Service was restored at the earlier of the resolution and that deployment's finish.
 */
final class IncidentLinker {

    static final String MANUAL = "manual";
    static final String EXPLICIT_DEPLOYMENT = "explicit-deployment";
    static final String EXPLICIT_COMMIT = "explicit-commit";
    static final String EXPLICIT_PULL_REQUEST = "explicit-pull-request";
    static final String LAST_PRODUCTION_DEPLOYMENT = "last-production-deployment";
    static final String NONE = "none";

    /**
     * A successful deployment of the organization (deployment_facts).
     *
     * @param finishedAt epoch ms
     */
    record Deployment(UUID repoId, String id, String environment, boolean production, String sha, long finishedAt) {
    }

    /**
     * An incident.
     *
     * @param repoIds      the repositories it belongs to (may be empty)
     * @param deploymentId the deployment its provider names, or ''
     * @param references   what its text names
     * @param createdAt    epoch ms it was triggered
     * @param resolvedAt   epoch ms it was resolved, or null while open
     */
    record Incident(String provider, String id, Set<UUID> repoIds, String deploymentId, IncidentReferences references,
            long createdAt, Long resolvedAt) {
    }

    /** An organization's correction: {@code repoId} null means no deployment caused the incident. */
    record Correction(UUID repoId, String deploymentId) {
    }

    /** A production change (change_facts): the commit, its request if known, and the deployment that shipped it. */
    record ShippedChange(UUID repoId, String sha, Long pullRequest, String deploymentId) {
    }

    /**
     * The link of one incident.
     *
     * @param deployment  the causing deployment, or null ({@code reason} says why)
     * @param remediation the remediating deployment's id, or ''
     * @param recoveredAt epoch ms service was restored, or null
     */
    record Link(Incident incident, Deployment deployment, String method, String reason, String remediation,
            Long recoveredAt) {

        /** What it does to its repository's deployments; null when unlinked. */
        DeploymentOutcome.IncidentEffect effect() {
            return deployment == null ? null
                    : new DeploymentOutcome.IncidentEffect(deployment.id(), remediation, recoveredAt);
        }
    }

    private static final Comparator<Deployment> ORDER = Comparator.comparingLong(Deployment::finishedAt)
            .thenComparing(Deployment::repoId).thenComparing(Deployment::id);

    private final List<Deployment> deployments;
    private final Map<String, List<Deployment>> byId = new HashMap<>();
    private final Map<UUID, Map<String, List<Deployment>>> sequences = new HashMap<>();
    private final Map<String, Deployment> byKey = new HashMap<>();
    private final List<ShippedChange> changes;

    /**
     * @param deployments the organization's successful deployments
     * @param changes     its production changes that incidents reference (by commit or request)
     */
    IncidentLinker(List<Deployment> deployments, List<ShippedChange> changes) {
        this.deployments = deployments.stream().sorted(ORDER).toList();
        this.changes = changes;
        for (Deployment d : this.deployments) {
            byId.computeIfAbsent(d.id(), id -> new ArrayList<>()).add(d);
            byKey.put(key(d.repoId(), d.id()), d);
            sequences.computeIfAbsent(d.repoId(), repo -> new HashMap<>())
                    .computeIfAbsent(d.environment(), environment -> new ArrayList<>()).add(d);
        }
    }

    /** Links every incident; {@code corrections} by {@link #incidentKey}. */
    List<Link> link(List<Incident> incidents, Map<String, Correction> corrections) {
        List<Link> links = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            links.add(link(incident, corrections.get(incidentKey(incident.provider(), incident.id()))));
        }
        return links;
    }

    static String incidentKey(String provider, String incidentId) {
        return provider + '\u0000' + incidentId;
    }

    private Link link(Incident incident, Correction correction) {
        if (correction != null) {
            if (correction.repoId() == null) {
                return unlinked(incident, "corrected-to-none");
            }
            Deployment corrected = byKey.get(key(correction.repoId(), correction.deploymentId()));
            return corrected == null ? unlinked(incident, "corrected-deployment-unknown")
                    : linked(incident, corrected, MANUAL);
        }
        Predicate<Deployment> inScope = d -> incident.repoIds().isEmpty() || incident.repoIds().contains(d.repoId());
        List<Deployment> named = new ArrayList<>();
        if (!incident.deploymentId().isEmpty()) {
            named.addAll(byId.getOrDefault(incident.deploymentId(), List.of()));
        }
        for (String id : incident.references().deploymentIds()) {
            named.addAll(byId.getOrDefault(id, List.of()));
        }
        Deployment cause = closest(named.stream().filter(inScope).toList(), incident);
        if (cause != null) {
            return linked(incident, cause, EXPLICIT_DEPLOYMENT);
        }
        cause = closest(shippedBy(incident, change -> incident.references().commits().stream()
                .anyMatch(change.sha()::startsWith), inScope), incident);
        if (cause == null) {
            cause = closest(deployments.stream().filter(d -> d.production() && inScope.test(d)
                    && incident.references().commits().stream().anyMatch(d.sha()::startsWith)).toList(), incident);
        }
        if (cause != null) {
            return linked(incident, cause, EXPLICIT_COMMIT);
        }
        if (!incident.repoIds().isEmpty()) {
            cause = closest(shippedBy(incident, change -> change.pullRequest() != null
                    && incident.references().pullRequests().contains(change.pullRequest()), inScope), incident);
            if (cause != null) {
                return linked(incident, cause, EXPLICIT_PULL_REQUEST);
            }
        } else {
            return unlinked(incident, "no-repository");
        }
        Deployment last = null;
        for (Deployment d : deployments) {
            if (d.finishedAt() > incident.createdAt()) {
                break;
            }
            if (d.production() && inScope.test(d)) {
                last = d;
            }
        }
        return last == null ? unlinked(incident, "no-earlier-deployment")
                : linked(incident, last, LAST_PRODUCTION_DEPLOYMENT);
    }

    /** The production deployments that shipped the matching changes (within scope). */
    private List<Deployment> shippedBy(Incident incident, Predicate<ShippedChange> matches,
            Predicate<Deployment> inScope) {
        List<Deployment> found = new ArrayList<>();
        for (ShippedChange change : changes) {
            if (matches.test(change)) {
                Deployment d = byKey.get(key(change.repoId(), change.deploymentId()));
                if (d != null && d.production() && inScope.test(d)) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    /** The candidate finished last at or before the incident began, else the first finished after it. */
    private static Deployment closest(List<Deployment> candidates, Incident incident) {
        Deployment before = null;
        Deployment after = null;
        for (Deployment d : candidates) {
            if (d.finishedAt() <= incident.createdAt()) {
                if (before == null || ORDER.compare(d, before) > 0) {
                    before = d;
                }
            } else if (after == null || ORDER.compare(d, after) < 0) {
                after = d;
            }
        }
        return before != null ? before : after;
    }

    private Link linked(Incident incident, Deployment cause, String method) {
        Deployment remediation = null;
        for (Deployment next : sequences.get(cause.repoId()).get(cause.environment())) {
            if (ORDER.compare(next, cause) <= 0 || next.finishedAt() < incident.createdAt()) {
                continue;
            }
            if (incident.resolvedAt() == null || next.finishedAt() <= incident.resolvedAt()) {
                remediation = next;
            }
            break;
        }
        Long recovered = DeploymentOutcome.earlier(incident.resolvedAt(),
                remediation == null ? null : remediation.finishedAt());
        return new Link(incident, cause, method, "", remediation == null ? "" : remediation.id(), recovered);
    }

    private static Link unlinked(Incident incident, String reason) {
        return new Link(incident, null, NONE, reason, "", null);
    }

    private static String key(UUID repoId, String deploymentId) {
        return repoId + "/" + deploymentId;
    }
}
