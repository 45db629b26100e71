package io.devhealth.identity.people.repository;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.Person;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.devhealth.support.page.PageRequest;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    /** The columns for native queries (Hibernate Reactive reads an entity only from the columns it maps). */
    private static final String SELECT = """
            SELECT id, organization_id, person_key, display_name, primary_email, user_id, change_version, created_at,
                   updated_at
            FROM people""";
    private static final String IN_ORGANIZATION = "from Person p where p.organizationId = :org";
    private static final String SEARCH = """
             and (lower(p.displayName) like :search escape '\\' or lower(p.personKey) like :search escape '\\'
              or lower(p.primaryEmail) like :search escape '\\'
              or exists (from PersonIdentity i where i.personId = p.id and lower(i.externalId) like :search escape '\\'))
            """;

    /** The person if it belongs to the organization; null otherwise. */
    public Uni<Person> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    /**
     * One page of the organization's people by display name (case-insensitively, then id); {@code search}, when
     * not null, keeps those whose name, key, primary email or an identity's external id contains it
     * case-insensitively.
     */
    public Uni<List<Person>> listPage(UUID organizationId, String search, PageRequest page) {
        return matching(organizationId, search, " order by lower(p.displayName), p.id")
                .range(page.offset(), page.offset() + page.limit() - 1).list();
    }

    /** How many people {@link #listPage} pages through. */
    public Uni<Long> countMatching(UUID organizationId, String search) {
        return matching(organizationId, search, "").count();
    }

    /** The organization's people with these ids (unknown ids are left out). */
    public Uni<List<Person>> listByIds(UUID organizationId, Collection<UUID> ids) {
        return where("id = ANY(?2)", organizationId, AnyOf.uuids(ids));
    }

    /** The organization's people whose key is one of {@code lowerKeys} (lower-cased), compared case-insensitively. */
    public Uni<List<Person>> listByKeys(UUID organizationId, Collection<String> lowerKeys) {
        return where("lower(person_key) = ANY(?2)", organizationId, AnyOf.texts(lowerKeys));
    }

    /** The organization's people whose primary email is one of {@code lowerEmails} (lower-cased). */
    public Uni<List<Person>> listByPrimaryEmails(UUID organizationId, Collection<String> lowerEmails) {
        return where("lower(primary_email) = ANY(?2)", organizationId, AnyOf.texts(lowerEmails));
    }

    /** The person linked to the user in the organization; null if none. */
    public Uni<Person> findByUser(UUID organizationId, UUID userId) {
        return find("organizationId = ?1 and userId = ?2", organizationId, userId).firstResult();
    }

    /**
     * At most {@code limit} people changed after the feed position ({@code changeVersion}, {@code id}) =
     * ({@code version}, {@code afterId}), in that order.
     */
    public Uni<List<Person>> listChangedAfter(UUID organizationId, long version, UUID afterId, int limit) {
        return find("""
                organizationId = :org and (changeVersion > :version or (changeVersion = :version and id > :afterId))
                order by changeVersion, id""",
                Parameters.with("org", organizationId).and("version", version).and("afterId", afterId))
                .range(0, limit - 1)
                .list();
    }

    /** The organization's people matching {@code condition} on the array parameter {@code ?2}. */
    private Uni<List<Person>> where(String condition, UUID organizationId, Object[] values) {
        if (values.length == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        SELECT + " WHERE organization_id = ?1 AND " + condition, Person.class)
                .setParameter(1, organizationId)
                .setParameter(2, values)
                .getResultList());
    }

    private PanacheQuery<Person> matching(UUID organizationId, String search, String order) {
        Parameters parameters = Parameters.with("org", organizationId);
        if (search == null || search.isEmpty()) {
            return find(IN_ORGANIZATION + order, parameters);
        }
        return find(IN_ORGANIZATION + SEARCH + order, parameters.and("search", likePattern(search)));
    }

    /** {@code %search%} lower-cased with LIKE's wildcards escaped. */
    private static String likePattern(String search) {
        String escaped = search.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
