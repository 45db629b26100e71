package io.devhealth.sync.dora;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncFollowUp;

/**
 * After a run of a provider that writes deployments or incidents: incidents are derived from its issues
 * ({@link WorkItemIncidents}), then the organization's incidents are linked again ({@link IncidentLinkage}).
 */
@ApplicationScoped
class IncidentFollowUp implements SyncFollowUp {

    private static final Set<String> RELINKED_AFTER = Set.of("github", "gitlab", "jira", "pagerduty");

    private final WorkItemIncidents workItemIncidents;
    private final IncidentLinkage linkage;

    IncidentFollowUp(WorkItemIncidents workItemIncidents, IncidentLinkage linkage) {
        this.workItemIncidents = workItemIncidents;
        this.linkage = linkage;
    }

    @Override
    public void afterSync(String provider, SyncContext context) throws SyncFailedException {
        if (!RELINKED_AFTER.contains(provider)) {
            return;
        }
        if (WorkItemIncidents.derivesFrom(provider)) {
            workItemIncidents.derive(context.orgId(), provider, context.orgSettings(), context.fence());
        }
        linkage.relink(context.orgId(), context.fence());
    }
}
