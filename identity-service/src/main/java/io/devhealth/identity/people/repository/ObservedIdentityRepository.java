package io.devhealth.identity.people.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.ObservedIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class ObservedIdentityRepository implements PanacheRepositoryBase<ObservedIdentity, UUID> {

    /**
     * Why an unmapped observed identity may belong to a person. Each candidate row: the observed identity, the
     * reason, and the person it matches, the user it matches (with the user's name and email), or the key of the
     * group of unmapped identities it shares with others (lower-cased email or login). Only users who are members
     * of the organization count. A git email of GitHub's noreply domain names a GitHub login: it matches that
     * login's person ({@code github-noreply}), or groups with the unmapped GitHub identity of that login.
     */
    private static final String CANDIDATES = """
            WITH unmapped AS (
                SELECT o.id, o.provider, o.external_id, o.email
                FROM observed_identities o
                WHERE o.organization_id = ?1
                  AND NOT EXISTS (SELECT 1 FROM identity_mappings m
                                  WHERE m.organization_id = o.organization_id AND m.provider = o.provider
                                    AND lower(m.external_id) = lower(o.external_id))
            ),
            -- Git emails GitHub gives its users (ID+login@users.noreply.github.com, or login@… for older accounts):
            -- each names its GitHub login. ({0,1} rather than a question mark: the query's parameters are ?N.)
            noreply AS (
                SELECT u.id, (regexp_match(lower(u.external_id),
                        '^([0-9]+[+]){0,1}([a-z0-9][a-z0-9-]*([[]bot[]]){0,1})@users[.]noreply[.]github[.]com$'))[2] AS login
                FROM unmapped u
                WHERE u.provider = 'git'
            )
            SELECT u.id, 'same-email', i.person_id, CAST(NULL AS uuid), CAST(NULL AS text), CAST(NULL AS text),
                   CAST(NULL AS text)
            FROM unmapped u
            JOIN identity_mappings i ON i.organization_id = ?1 AND lower(i.email) = lower(u.email)
            WHERE i.person_id IS NOT NULL
            UNION
            SELECT u.id, 'primary-email', p.id, NULL, NULL, NULL, NULL
            FROM unmapped u JOIN people p ON p.organization_id = ?1 AND lower(p.primary_email) = lower(u.email)
            UNION
            SELECT u.id, 'user-email', p.id, us.id, us.display_name, us.email, NULL
            FROM unmapped u
            JOIN users us ON lower(us.email) = lower(u.email)
            JOIN memberships ms ON ms.user_id = us.id AND ms.organization_id = ?1
            LEFT JOIN people p ON p.organization_id = ?1 AND p.user_id = us.id
            UNION
            SELECT u.id, 'same-login', i.person_id, NULL, NULL, NULL, NULL
            FROM unmapped u
            JOIN identity_mappings i ON i.organization_id = ?1
                 AND i.provider = CASE u.provider WHEN 'github' THEN 'gitlab' WHEN 'gitlab' THEN 'github' END
                 AND lower(i.external_id) = lower(u.external_id)
            WHERE i.person_id IS NOT NULL
            UNION
            SELECT u.id, 'shared-email', NULL, NULL, NULL, NULL, lower(u.email)
            FROM unmapped u
            WHERE lower(u.email) IN (SELECT lower(email) FROM unmapped WHERE email IS NOT NULL
                                     GROUP BY lower(email) HAVING count(*) > 1)
            UNION
            SELECT u.id, 'shared-login', NULL, NULL, NULL, NULL, lower(u.external_id)
            FROM unmapped u
            WHERE u.provider IN ('github', 'gitlab')
              AND lower(u.external_id) IN (SELECT lower(external_id) FROM unmapped WHERE provider IN ('github', 'gitlab')
                                           GROUP BY lower(external_id) HAVING count(DISTINCT provider) > 1)
            UNION
            SELECT n.id, 'github-noreply', i.person_id, NULL, NULL, NULL, NULL
            FROM noreply n
            JOIN identity_mappings i ON i.organization_id = ?1 AND i.provider = 'github'
                 AND lower(i.external_id) = n.login
            WHERE i.person_id IS NOT NULL
            UNION
            SELECT n.id, 'github-noreply', NULL, NULL, NULL, NULL, n.login
            FROM noreply n
            WHERE n.login IN (SELECT lower(external_id) FROM unmapped WHERE provider = 'github')
            UNION
            SELECT u.id, 'github-noreply', NULL, NULL, NULL, NULL, lower(u.external_id)
            FROM unmapped u
            WHERE u.provider = 'github' AND lower(u.external_id) IN (SELECT login FROM noreply WHERE login IS NOT NULL)
            """;

    /** One candidate of {@link #listCandidates}. */
    public record Candidate(UUID observedId, String reason, UUID personId, UUID userId, String userDisplayName,
            String userEmail, String groupKey) {
    }

    /**
     * Inserts the identities, or refreshes the ones already observed (case-insensitively): their last-seen time,
     * and name and email when given. {@code identities} hold no two equal (provider, lower-cased external id).
     */
    public Uni<Integer> upsert(UUID organizationId, List<Observation> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO observed_identities (organization_id, provider, external_id, name, email) VALUES ");
        for (int i = 0; i < identities.size(); i++) {
            int first = 2 + i * 4;
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(first).append(", ?").append(first + 1)
                    .append(", CAST(?").append(first + 2).append(" AS text), CAST(?").append(first + 3)
                    .append(" AS text))");
        }
        sql.append("""
                 ON CONFLICT (organization_id, provider, lower(external_id)) DO UPDATE
                SET name = coalesce(excluded.name, observed_identities.name),
                    email = coalesce(excluded.email, observed_identities.email),
                    last_seen_at = now()""");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeMutationQuery(sql.toString()).setParameter(1, organizationId);
            for (int i = 0; i < identities.size(); i++) {
                Observation identity = identities.get(i);
                int first = 2 + i * 4;
                query.setParameter(first, identity.provider().apiName())
                        .setParameter(first + 1, identity.externalId())
                        .setParameter(first + 2, identity.name())
                        .setParameter(first + 3, identity.email());
            }
            return query.executeUpdate();
        });
    }

    /** Every suggestion candidate of the organization (see {@link Candidate}), in no particular order. */
    public Uni<List<Candidate>> listCandidates(UUID organizationId) {
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(CANDIDATES)
                .setParameter(1, organizationId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Candidate((UUID) row[0], (String) row[1], (UUID) row[2], (UUID) row[3],
                                (String) row[4], (String) row[5], (String) row[6]))
                        .toList());
    }

    /** The organization's observed identities with these ids. */
    public Uni<List<ObservedIdentity>> listByIds(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        """
                        SELECT id, organization_id, provider, external_id, name, email, first_seen_at, last_seen_at,
                               created_at, updated_at
                        FROM observed_identities WHERE organization_id = ?1 AND id = ANY(?2)""",
                        ObservedIdentity.class)
                .setParameter(1, organizationId)
                .setParameter(2, AnyOf.uuids(ids))
                .getResultList());
    }

    /** An identity as sync-service reports it; {@code name} and {@code email} may be null. */
    public record Observation(IdentityProvider provider, String externalId, String name, String email) {
    }
}
