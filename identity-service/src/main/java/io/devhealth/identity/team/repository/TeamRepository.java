package io.devhealth.identity.team.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.repository.Chunks;
import io.devhealth.identity.team.Team;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    /** The team if it belongs to the organization; null otherwise. */
    public Uni<Team> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    /** One page of the organization's teams by key. */
    public Uni<List<Team>> listPage(UUID organizationId, int page, int size) {
        return find("organizationId", Sort.by("teamKey").and("id"), organizationId).page(Page.of(page, size)).list();
    }

    public Uni<Long> countInOrganization(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** The organization's teams with these ids. */
    public Uni<List<Team>> listByIds(UUID organizationId, Collection<UUID> ids) {
        return Chunks.query(ids, slice -> list("organizationId = ?1 and id in ?2", organizationId, slice));
    }

    /** At most {@code limit} teams changed after the feed position ({@code version}, {@code afterId}), in order. */
    public Uni<List<Team>> listChangedAfter(UUID organizationId, long version, UUID afterId, int limit) {
        return find("""
                organizationId = :org and (changeVersion > :version or (changeVersion = :version and id > :afterId))
                order by changeVersion, id""",
                Parameters.with("org", organizationId).and("version", version).and("afterId", afterId))
                .page(Page.ofSize(limit))
                .list();
    }
}
