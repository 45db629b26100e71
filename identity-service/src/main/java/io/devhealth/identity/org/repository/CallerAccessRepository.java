package io.devhealth.identity.org.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.CallerAccess;
import io.devhealth.support.auth.OrgRef;
import io.devhealth.support.auth.OrgRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link CallerAccess} in one prepared statement on the reactive pool, without a Hibernate session, HQL or managed
 * entities: it runs when {@link io.devhealth.identity.org.service.CallerAccessCache} has no row, on the hot path of
 * organization-scoped reads.
 */
@ApplicationScoped
public class CallerAccessRepository {

    private static final String SELECT = """
            SELECT u.id, u.email, u.display_name, u.is_superuser, u.is_active,
                   o.id AS org_id, o.slug, o.name, o.created_at, m.role
            FROM users u
            LEFT JOIN organizations o ON %s AND o.deleted_at IS NULL
            LEFT JOIN memberships m ON m.organization_id = o.id AND m.user_id = u.id
            WHERE u.id = $1""";
    private static final String BY_ID = SELECT.formatted("o.id = $2");
    private static final String BY_SLUG = SELECT.formatted("o.slug = $2");

    private final Pool pool;

    CallerAccessRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The user {@code userId}, the live organization {@code ref} names and the user's role there; null when the
     * user does not exist. An empty {@code ref} (names no organization) yields a null organization.
     */
    public Uni<CallerAccess> find(UUID userId, Optional<OrgRef> ref) {
        String sql = ref.isPresent() && ref.get() instanceof OrgRef.ById ? BY_ID : BY_SLUG;
        Object key = ref.<Object>map(parsed -> switch (parsed) {
            case OrgRef.ById byId -> byId.id();
            case OrgRef.BySlug bySlug -> bySlug.slug();
        }).orElse(null);
        return pool.preparedQuery(sql).execute(Tuple.of(userId, key)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            return iterator.hasNext() ? access(iterator.next()) : null;
        });
    }

    private static CallerAccess access(Row row) {
        UUID orgId = row.getUUID("org_id");
        CallerAccess.OrganizationRow org = orgId == null ? null : new CallerAccess.OrganizationRow(orgId,
                row.getString("slug"), row.getString("name"), row.getOffsetDateTime("created_at").toInstant());
        String role = row.getString("role");
        return new CallerAccess(row.getUUID("id"), row.getString("email"), row.getString("display_name"),
                row.getBoolean("is_superuser"), row.getBoolean("is_active"), org,
                role == null ? null : OrgRole.fromClaim(role));
    }
}
