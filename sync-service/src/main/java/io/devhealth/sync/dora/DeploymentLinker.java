package io.devhealth.sync.dora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.devhealth.sync.dora.LinkageInput.Deployment;
import io.devhealth.sync.dora.LinkageInput.Incident;
import io.devhealth.sync.dora.LinkageInput.PullRequest;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.git.GitAncestry;

/**
 * Links one repository's deployments to the changes they shipped and to the failures that followed, as DORA defines
 * its metrics (https://dora.dev/guides/dora-metrics/). Per environment, deployments are taken in order of finish:
 * <ul>
 * <li><b>changes</b>: the commits reachable from the deployment's commit and not from the commit the environment ran
 * before ({@code git log prev..deployed}; method {@code ancestry}); for the first deployment known, its own commit
 * only ({@code deployed-commit}: earlier history was never seen being deployed). A commit counts for the first
 * deployment that shipped it to the environment, so a change redeployed after a rollback keeps its first lead
 * time;</li>
 * <li><b>rollback</b>: a deployment of a commit the environment already ran, or of an ancestor of what it ran, is an
 * unplanned deployment ({@code is_rework}); the deployment it replaced failed ({@code failure_cause = rollback}),
 * recovered when the rollback finished;</li>
 * <li><b>hotfix</b>: a deployment from a hotfix ref ({@code hotfix/…}, {@code …/hotfix-…}) is rework; the deployment
 * it replaced failed ({@code hotfix}), recovered when the hotfix finished;</li>
 * <li><b>incident</b>: an incident names the deployment that caused it, or else is pinned to the last production
 * deployment that finished before it was triggered; that deployment failed ({@code incident}), recovered at the
 * earlier of the incident's resolution and the finish of the next deployment of its environment made while the
 * incident was open (that one is rework).</li>
 * </ul>
 * A deployment whose commit is not in the repository (a fork's, or a ref the mirror does not fetch) ships nothing
 * and does not move the environment's position; it is counted in {@link Result#unknownCommits()}.
 */
final class DeploymentLinker {

    static final String ANCESTRY = "ancestry";
    static final String DEPLOYED_COMMIT = "deployed-commit";

    private static final Pattern HOTFIX_REF = Pattern.compile("(^|.*/)hotfix([-/_].*)?", Pattern.CASE_INSENSITIVE);

    private final GitAncestry git;

    DeploymentLinker(GitAncestry git) {
        this.git = git;
    }

    /** One deployment's fact; {@code failureCause} '' when it did not fail. */
    record DeploymentFact(Deployment deployment, int changes, String failureCause, Long recoveredAt,
            boolean rework) {
    }

    /** One change shipped: the commit (epoch ms times), the request that merged it if known, how it was linked. */
    record ChangeFact(Deployment deployment, GitAncestry.Commit commit, PullRequest pullRequest, String linkMethod) {
    }

    record Result(List<DeploymentFact> deployments, List<ChangeFact> changes, int unknownCommits) {
    }

    Result link(LinkageInput input) throws SyncFailedException {
        Map<String, Fact> facts = new LinkedHashMap<>();
        List<ChangeFact> changes = new ArrayList<>();
        int unknown = 0;
        Map<String, List<Deployment>> byEnvironment = new LinkedHashMap<>();
        for (Deployment d : input.deployments()) {
            byEnvironment.computeIfAbsent(d.environment(), e -> new ArrayList<>()).add(d);
        }
        Map<String, List<Fact>> sequences = new HashMap<>();
        for (var environment : byEnvironment.entrySet()) {
            List<Deployment> deployments = environment.getValue();
            deployments.sort(Comparator.comparingLong(Deployment::finishedAt).thenComparing(Deployment::id));
            Set<String> shipped = new HashSet<>();
            Set<String> ran = new HashSet<>();
            Fact previous = null;
            List<Fact> sequence = new ArrayList<>();
            for (Deployment d : deployments) {
                Fact fact = new Fact(d);
                facts.put(d.id(), fact);
                sequence.add(fact);
                if (!git.hasCommit(d.sha())) {
                    unknown++;
                    continue;
                }
                String method = ANCESTRY;
                List<GitAncestry.Commit> commits = List.of();
                if (previous == null) {
                    commits = git.shipped(d.sha(), null);
                    method = DEPLOYED_COMMIT;
                } else if (d.sha().equals(previous.deployment.sha())) {
                    // the same version again (a retry or restart): nothing new, nothing undone
                } else if (ran.contains(d.sha()) || git.isAncestor(d.sha(), previous.deployment.sha())) {
                    fact.rework = true;
                    previous.fail("rollback", d.finishedAt());
                } else {
                    commits = git.shipped(d.sha(), previous.deployment.sha());
                }
                for (GitAncestry.Commit commit : commits) {
                    if (shipped.add(commit.sha())) {
                        changes.add(new ChangeFact(d, commit, input.pullRequests().get(commit.sha()), method));
                        fact.changes++;
                    }
                }
                if (previous != null && HOTFIX_REF.matcher(d.ref()).matches()) {
                    fact.rework = true;
                    previous.fail("hotfix", d.finishedAt());
                }
                ran.add(d.sha());
                previous = fact;
            }
            sequences.put(environment.getKey(), sequence);
        }
        for (Incident incident : input.incidents()) {
            Fact failed = causeOf(incident, facts);
            if (failed != null) {
                failed.fail("incident", incident.resolvedAt());
                remediation(incident, failed, sequences.get(failed.deployment.environment()));
            }
        }
        List<DeploymentFact> deploymentFacts = new ArrayList<>();
        for (Fact fact : facts.values()) {
            deploymentFacts.add(new DeploymentFact(fact.deployment, fact.changes, fact.failureCause,
                    fact.recoveredAt, fact.rework));
        }
        return new Result(deploymentFacts, changes, unknown);
    }

    /** The deployment the incident names, else the last production deployment finished before it began. */
    private static Fact causeOf(Incident incident, Map<String, Fact> facts) {
        if (!incident.deploymentId().isEmpty()) {
            return facts.get(incident.deploymentId());
        }
        Fact cause = null;
        for (Fact fact : facts.values()) {
            Deployment d = fact.deployment;
            if (d.production() && d.finishedAt() <= incident.createdAt()
                    && (cause == null || d.finishedAt() > cause.deployment.finishedAt())) {
                cause = fact;
            }
        }
        return cause;
    }

    /** The next deployment of the failed one's environment finished while the incident was open: rework. */
    private static void remediation(Incident incident, Fact failed, List<Fact> sequence) {
        int index = sequence.indexOf(failed);
        for (int i = index + 1; i < sequence.size(); i++) {
            Fact next = sequence.get(i);
            long finished = next.deployment.finishedAt();
            if (finished < incident.createdAt()) {
                continue;
            }
            if (incident.resolvedAt() == null || finished <= incident.resolvedAt()) {
                next.rework = true;
                failed.fail("incident", finished);
            }
            return;
        }
    }

    /** A deployment's fact while it is being built. */
    private static final class Fact {
        private static final List<String> CAUSE_RANK = List.of("", "hotfix", "rollback", "incident");

        final Deployment deployment;
        int changes;
        String failureCause = "";
        Long recoveredAt;
        boolean rework;

        Fact(Deployment deployment) {
            this.deployment = deployment;
        }

        /** Marks it failed: the strongest evidence names the cause; recovery is the earliest known. */
        void fail(String cause, Long recovered) {
            if (CAUSE_RANK.indexOf(cause) > CAUSE_RANK.indexOf(failureCause)) {
                failureCause = cause;
            }
            if (recovered != null && (recoveredAt == null || recovered < recoveredAt)) {
                recoveredAt = recovered;
            }
        }
    }
}
