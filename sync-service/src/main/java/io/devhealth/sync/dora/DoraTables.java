package io.devhealth.sync.dora;

import java.util.List;

import io.devhealth.sync.sink.Table;

/**
 * The DORA fact tables (migrations/clickhouse V3, V10) with the column order {@link DeploymentLinkage} and
 * {@link IncidentLinkage} write.
 */
final class DoraTables {

    private DoraTables() {
    }

    static final Table DEPLOYMENT_FACTS = new Table("deployment_facts", List.of("org_id", "repo_id", "provider",
            "deployment_id", "environment", "is_production", "pipeline_id", "commit_sha", "finished_at", "changes",
            "failure_cause", "recovered_at", "is_rework", "sequence_failure_cause", "sequence_recovered_at",
            "sequence_rework", "is_deleted", "version"));

    static final Table CHANGE_FACTS = new Table("change_facts", List.of("org_id", "repo_id", "environment",
            "is_production", "sha", "authored_at", "committed_at", "pr_number", "pr_opened_at", "pr_first_review_at",
            "pr_merged_at", "deployment_id", "deployed_at", "link_method", "is_deleted", "version"));

    static final Table INCIDENT_LINKS = new Table("incident_links", List.of("org_id", "provider", "incident_id",
            "incident_created_at", "repo_id", "deployment_id", "link_method", "reason", "remediation_deployment_id",
            "recovered_at", "linked_at", "is_deleted", "version"));

    static final Table INCIDENT_LINK_CORRECTIONS = new Table("incident_link_corrections", List.of("org_id",
            "correction_id", "provider", "incident_id", "repo_id", "deployment_id", "is_deleted", "version"));
}
