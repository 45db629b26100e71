package io.devhealth.sync.dora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.devhealth.sync.dora.LinkageInput.Deployment;
import io.devhealth.sync.dora.LinkageInput.PullRequest;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.git.GitAncestry;

/**
 * Links one repository's deployments to the changes they shipped and to the remediations that followed them, as DORA
 * defines its metrics (https://dora.dev/guides/dora-metrics/). Per environment, deployments are taken in order of
 * finish:
 * <ul>
 * <li><b>changes</b>: the commits reachable from the deployment's commit and not from the commit the environment ran
 * before ({@code git log prev..deployed}; method {@code ancestry}); for the first deployment known, its own commit
 * only ({@code deployed-commit}: earlier history was never seen being deployed). A commit counts for the first
 * deployment that shipped it to the environment, so a change redeployed after a rollback keeps its first lead
 * time;</li>
 * <li><b>rollback</b>: a deployment of a commit the environment already ran, or of an ancestor of what it ran, is an
 * unplanned deployment ({@code is_rework}); the deployment it replaced failed ({@code failure_cause = rollback}),
 * recovered when the rollback finished;</li>
 * <li><b>revert</b>: a deployment that ships a commit reverting one an earlier deployment of the environment shipped
 * ({@code This reverts commit <sha>}, as {@code git revert} writes it) is rework; that earlier deployment failed
 * ({@code revert}), recovered when the revert finished;</li>
 * <li><b>hotfix</b>: a deployment from a hotfix ref, or shipping a change whose pull/merge request carries a hotfix
 * label ({@link HotfixRules}: organization setting {@code dora.hotfix}), is rework; the deployment it replaced
 * failed ({@code hotfix}), recovered when the hotfix finished.</li>
 * </ul>
 * Incidents are linked apart and without git ({@link IncidentLinker}); {@link DeploymentOutcome} combines both.
 * A deployment whose commit is not in the repository (a fork's, or a ref the mirror does not fetch) ships nothing
 * and does not move the environment's position; it is counted in {@link Result#unknownCommits()}.
 */
final class DeploymentLinker {

    static final String ANCESTRY = "ancestry";
    static final String DEPLOYED_COMMIT = "deployed-commit";

    private final GitAncestry git;
    private final HotfixRules hotfixes;

    DeploymentLinker(GitAncestry git, HotfixRules hotfixes) {
        this.git = git;
        this.hotfixes = hotfixes;
    }

    /** What the environment's deployment sequence says of one deployment; {@code failureCause} '' when none. */
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
        for (List<Deployment> deployments : byEnvironment.values()) {
            deployments.sort(Comparator.comparingLong(Deployment::finishedAt).thenComparing(Deployment::id));
            Map<String, Fact> shippedBy = new HashMap<>();
            Set<String> ran = new HashSet<>();
            Fact previous = null;
            for (Deployment d : deployments) {
                Fact fact = new Fact(d);
                facts.put(d.id(), fact);
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
                    previous.fail(DeploymentOutcome.ROLLBACK, d.finishedAt());
                } else {
                    commits = git.shipped(d.sha(), previous.deployment.sha());
                }
                boolean hotfix = hotfixes.ref(d.ref());
                for (GitAncestry.Commit commit : commits) {
                    if (shippedBy.putIfAbsent(commit.sha(), fact) == null) {
                        PullRequest pr = input.pullRequests().get(commit.sha());
                        changes.add(new ChangeFact(d, commit, pr, method));
                        fact.changes++;
                        hotfix |= pr != null && hotfixes.labels(pr.labels());
                    }
                    Fact reverted = commit.reverts().isEmpty() ? null : shippedBy.get(commit.reverts());
                    if (reverted != null && reverted != fact) {
                        fact.rework = true;
                        reverted.fail(DeploymentOutcome.REVERT, d.finishedAt());
                    }
                }
                if (previous != null && hotfix) {
                    fact.rework = true;
                    previous.fail(DeploymentOutcome.HOTFIX, d.finishedAt());
                }
                ran.add(d.sha());
                previous = fact;
            }
        }
        List<DeploymentFact> deploymentFacts = new ArrayList<>();
        for (Fact fact : facts.values()) {
            deploymentFacts.add(new DeploymentFact(fact.deployment, fact.changes, fact.failureCause,
                    fact.recoveredAt, fact.rework));
        }
        return new Result(deploymentFacts, changes, unknown);
    }

    /** A deployment's fact while it is being built. */
    private static final class Fact {
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
            failureCause = DeploymentOutcome.strongerCause(failureCause, cause);
            recoveredAt = DeploymentOutcome.earlier(recoveredAt, recovered);
        }
    }
}
