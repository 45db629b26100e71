package io.devhealth.identity.user.repository;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.user.User;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** The user with this email, compared case-insensitively (as the unique index does); null if none. */
    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email.strip()).firstResult();
    }

    /** Users whose email or display name contains {@code search} (any case; all when null), by email. */
    public Uni<List<User>> page(String search, PageRequest page) {
        return matching(search).range(page.offset(), page.offset() + page.limit() - 1).list();
    }

    public Uni<Long> count(String search) {
        return matching(search).count();
    }

    private PanacheQuery<User> matching(String search) {
        if (search == null || search.isEmpty()) {
            return findAll(Sort.by("email"));
        }
        String pattern = "%" + search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return find("lower(email) like ?1 escape '\\' or lower(coalesce(displayName, '')) like ?1 escape '\\'",
                Sort.by("email"), pattern);
    }
}
