package io.devhealth.sync.dora;

import java.util.UUID;

import io.devhealth.sync.sink.RowBinaryBuffer;

/** Row encodings shared by the writers of {@link DoraTables#DEPLOYMENT_FACTS}: one column order, one place. */
final class FactRows {

    private FactRows() {
    }

    /** One {@code deployment_facts} row (live), in {@link DoraTables#DEPLOYMENT_FACTS}' column order. */
    static void deployment(RowBinaryBuffer row, UUID orgId, UUID repoId, String provider, String deploymentId,
            String environment, boolean production, String pipelineId, String sha, long finishedAt, long changes,
            DeploymentOutcome outcome, DeploymentOutcome sequence, long version) {
        row.uuid(orgId).uuid(repoId).string(provider).string(deploymentId).string(environment).bool(production)
                .string(pipelineId).string(sha).dateTime64Millis(finishedAt).uint32(changes)
                .string(outcome.failureCause()).nullableDateTime64Millis(outcome.recoveredAt()).bool(outcome.rework())
                .string(sequence.failureCause()).nullableDateTime64Millis(sequence.recoveredAt())
                .bool(sequence.rework()).uint8(0).uint64(version);
    }
}
