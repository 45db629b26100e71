package io.devhealth.identity.team.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.repository.AnyOf;
import io.devhealth.identity.team.Team;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.devhealth.support.page.PageRequest;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    /**
     * The mapped columns, for native queries: Hibernate Reactive cannot read an entity from a row with columns it
     * does not map (V1's superseded members).
     */
    private static final String SELECT = """
            SELECT id, organization_id, team_key, name, repo_patterns, project_keys, change_version, created_at,
                   updated_at
            FROM team_mappings""";

    /** The team if it belongs to the organization; null otherwise. */
    public Uni<Team> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    /** One page of the organization's teams by key. */
    public Uni<List<Team>> listPage(UUID organizationId, PageRequest page) {
        return find("organizationId", Sort.by("teamKey").and("id"), organizationId)
                .range(page.offset(), page.offset() + page.limit() - 1).list();
    }

    public Uni<Long> countInOrganization(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** The organization's teams with these ids. */
    public Uni<List<Team>> listByIds(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        SELECT + " WHERE organization_id = ?1 AND id = ANY(?2)", Team.class)
                .setParameter(1, organizationId)
                .setParameter(2, AnyOf.uuids(ids))
                .getResultList());
    }

    /** At most {@code limit} teams changed after the feed position ({@code version}, {@code afterId}), in order. */
    public Uni<List<Team>> listChangedAfter(UUID organizationId, long version, UUID afterId, int limit) {
        return find("""
                organizationId = :org and (changeVersion > :version or (changeVersion = :version and id > :afterId))
                order by changeVersion, id""",
                Parameters.with("org", organizationId).and("version", version).and("afterId", afterId))
                .range(0, limit - 1)
                .list();
    }
}
