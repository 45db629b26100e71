package io.devhealth.sync.dora;

import java.util.List;

/**
 * A deployment's DORA outcome (https://dora.dev/guides/dora-metrics/): whether it failed (required immediate
 * intervention) and why, when service was restored, and whether it was itself an unplanned remediation (DORA 2024
 * deployment rework). The one place where what the deployment sequence says ({@link DeploymentLinker}) and what the
 * incidents say ({@link IncidentLinker}) are combined.
 *
 * @param failureCause {@code incident}, {@code rollback}, {@code revert}, {@code hotfix} (strongest evidence first), or
 *                     {@code ""} when it did not fail
 * @param recoveredAt  epoch ms service was restored (the earliest evidence), or null
 */
record DeploymentOutcome(String failureCause, Long recoveredAt, boolean rework) {

    static final String HOTFIX = "hotfix";
    static final String REVERT = "revert";
    static final String ROLLBACK = "rollback";
    static final String INCIDENT = "incident";
    private static final List<String> CAUSE_RANK = List.of("", HOTFIX, REVERT, ROLLBACK, INCIDENT);

    /**
     * What one linked incident does to the deployments of a repository.
     *
     * @param cause       the deployment that caused it
     * @param remediation the deployment that remediated it, or ''
     * @param recoveredAt epoch ms service was restored, or null
     */
    record IncidentEffect(String cause, String remediation, Long recoveredAt) {
    }

    /** A deployment's outcome: the sequence's, combined with the effects of the incidents linked in its repository. */
    static DeploymentOutcome combine(String deploymentId, DeploymentOutcome sequence, List<IncidentEffect> effects) {
        String cause = sequence.failureCause();
        Long recovered = sequence.recoveredAt();
        boolean rework = sequence.rework();
        for (IncidentEffect effect : effects) {
            if (effect.cause().equals(deploymentId)) {
                cause = strongerCause(cause, INCIDENT);
                recovered = earlier(recovered, effect.recoveredAt());
            }
            rework |= effect.remediation().equals(deploymentId);
        }
        return new DeploymentOutcome(cause, recovered, rework);
    }

    /** The cause backed by the stronger evidence. */
    static String strongerCause(String current, String candidate) {
        return CAUSE_RANK.indexOf(candidate) > CAUSE_RANK.indexOf(current) ? candidate : current;
    }

    /** The earlier of two epoch-ms instants, either possibly null. */
    static Long earlier(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null || a <= b ? a : b;
    }
}
