package io.devhealth.identity.setting.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.setting.Setting;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class SettingRepository implements PanacheRepositoryBase<Setting, UUID> {

    /** The organization's value of {@code key}; null when it has not set it. */
    public Uni<Setting> findInOrganization(UUID organizationId, String key) {
        return find("organizationId = ?1 and settingKey = ?2", organizationId, key).firstResult();
    }

    /** The organization's stored settings by key. */
    public Uni<List<Setting>> listInOrganization(UUID organizationId) {
        return list("organizationId", Sort.by("settingKey"), organizationId);
    }

    /** The stored settings of several organizations. */
    public Uni<List<Setting>> listInOrganizations(Collection<UUID> organizationIds) {
        return organizationIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("organizationId in ?1", organizationIds);
    }

    /** Deletes the organization's value of {@code key}; the number of rows deleted (0 or 1). */
    public Uni<Long> deleteInOrganization(UUID organizationId, String key) {
        return delete("organizationId = ?1 and settingKey = ?2", organizationId, key);
    }
}
