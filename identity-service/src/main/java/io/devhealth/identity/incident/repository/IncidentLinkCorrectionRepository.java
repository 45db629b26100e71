package io.devhealth.identity.incident.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.incident.IncidentLinkCorrection;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IncidentLinkCorrectionRepository implements PanacheRepositoryBase<IncidentLinkCorrection, UUID> {

    /** The organization's correction of this incident; null when none. */
    public Uni<IncidentLinkCorrection> findByIncident(UUID organizationId, String provider, String incidentId) {
        return find("organizationId = ?1 and provider = ?2 and incidentId = ?3", organizationId, provider, incidentId)
                .firstResult();
    }

    /** One page of the organization's corrections, newest change first. */
    public Uni<List<IncidentLinkCorrection>> listPage(UUID organizationId, PageRequest page) {
        return find("organizationId", Sort.descending("changeVersion").and("id"), organizationId)
                .range(page.offset(), page.offset() + page.limit() - 1).list();
    }

    public Uni<Long> countInOrganization(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** At most {@code limit} corrections changed after the feed position ({@code version}, {@code afterId}). */
    public Uni<List<IncidentLinkCorrection>> listChangedAfter(UUID organizationId, long version, UUID afterId,
            int limit) {
        return find("""
                organizationId = :org and (changeVersion > :version or (changeVersion = :version and id > :afterId))
                order by changeVersion, id""",
                Parameters.with("org", organizationId).and("version", version).and("afterId", afterId))
                .range(0, limit - 1)
                .list();
    }
}
