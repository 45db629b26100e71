package io.devhealth.identity.setting.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.setting.Setting;
import io.devhealth.identity.setting.repository.SettingRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Organization settings: members read them, admins set and reset them. Only {@link KnownSetting}s can be set,
 * each checked against its shape; a key the organization has not set reads as its default.
 */
@ApplicationScoped
public class SettingService {

    /** What the schema's CHECK on {@code settings.key} accepts. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,127}");
    /** The schema's bound on a stored value (its JSON text). */
    private static final int MAX_VALUE_LENGTH = 65_536;

    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final SettingRepository settings;

    SettingService(OrgAccess access, OrganizationRepository organizations, SettingRepository settings) {
        this.access = access;
        this.organizations = organizations;
        this.settings = settings;
    }

    /** Every known setting (set or default) and any other key stored for the organization, by key; members. */
    @WithSession
    public Uni<List<EffectiveSetting>> list(String orgRef) {
        return access.require(orgRef, OrgPermission.SETTINGS_READ)
                .flatMap(granted -> settings.listInOrganization(granted.organization().id))
                .map(SettingService::withDefaults);
    }

    /** One setting; 404 when the key is neither known nor stored for the organization. Members. */
    @WithSession
    public Uni<EffectiveSetting> get(String orgRef, String key) {
        return access.require(orgRef, OrgPermission.SETTINGS_READ)
                .flatMap(granted -> KEY.matcher(key).matches()
                        ? settings.findInOrganization(granted.organization().id, key)
                        : Uni.createFrom().nullItem())
                .map(stored -> stored != null ? stored(stored)
                        : KnownSetting.byKey(key).map(SettingService::unset).orElseThrow(() -> notFound(key)));
    }

    /**
     * Sets a known setting to {@code value}, checked and normalized; admins. 422 naming {@code key} when it is not
     * a known setting, or naming the part of {@code value} that does not fit its shape.
     */
    @WithTransaction
    public Uni<EffectiveSetting> put(String orgRef, String key, JsonNode value) {
        return access.require(orgRef, OrgPermission.SETTINGS_MANAGE)
                .flatMap(granted -> {
                    String json = SettingJson.write(known(key).validate(value));
                    if (json.length() > MAX_VALUE_LENGTH) {
                        throw ProblemException.invalidField(KnownSetting.VALUE,
                                "must be at most " + MAX_VALUE_LENGTH + " characters as JSON");
                    }
                    return store(granted.organization().id, key, json);
                })
                .map(SettingService::stored)
                .onFailure(PgErrors.uniqueViolation("settings_organization_key_key"))
                .transform(raced -> ProblemException.conflict("setting " + key + " was set concurrently; retry"));
    }

    /**
     * Resets a setting to its default (deletes the organization's value); admins. Idempotent for known keys; 404
     * for another key the organization has not stored.
     */
    @WithTransaction
    public Uni<Void> delete(String orgRef, String key) {
        return access.require(orgRef, OrgPermission.SETTINGS_MANAGE)
                .flatMap(granted -> KEY.matcher(key).matches()
                        ? settings.deleteInOrganization(granted.organization().id, key)
                        : Uni.createFrom().item(0L))
                .invoke(deleted -> {
                    if (deleted == 0 && KnownSetting.byKey(key).isEmpty()) {
                        throw notFound(key);
                    }
                })
                .replaceWithVoid();
    }

    /** For services: the value of every known setting of the organization (set or default); 404 if it is unknown. */
    @WithSession
    public Uni<Map<String, JsonNode>> valuesForService(UUID organizationId) {
        return organizations.findById(organizationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "organization " + organizationId + " does not exist"))
                .flatMap(organization -> values(List.of(organizationId)))
                .map(byOrganization -> byOrganization.get(organizationId));
    }

    /**
     * The value of every known setting (set or default) of each organization, in one query; runs in the caller's
     * session.
     */
    public Uni<Map<UUID, Map<String, JsonNode>>> values(Collection<UUID> organizationIds) {
        return settings.listInOrganizations(organizationIds).map(stored -> {
            Map<UUID, Map<String, JsonNode>> values = new HashMap<>();
            for (UUID organizationId : organizationIds) {
                Map<String, JsonNode> defaults = new LinkedHashMap<>();
                Arrays.stream(KnownSetting.values()).forEach(known -> defaults.put(known.key(), known.defaultValue()));
                values.put(organizationId, defaults);
            }
            stored.stream()
                    .filter(setting -> KnownSetting.byKey(setting.settingKey).isPresent())
                    .forEach(setting -> values.get(setting.organizationId)
                            .put(setting.settingKey, SettingJson.parse(setting.json)));
            return values;
        });
    }

    /** The organization's value of {@code setting} (set or default); runs in the caller's session. */
    public Uni<JsonNode> value(UUID organizationId, KnownSetting setting) {
        return settings.findInOrganization(organizationId, setting.key())
                .map(stored -> stored == null ? setting.defaultValue() : SettingJson.parse(stored.json));
    }

    private Uni<Setting> store(UUID organizationId, String key, String json) {
        return settings.findInOrganization(organizationId, key)
                .flatMap(existing -> {
                    if (existing == null) {
                        return settings.persistAndFlush(Setting.of(organizationId, key, json));
                    }
                    existing.json = json;
                    // Flushed now so that updatedAt is the stored one.
                    return settings.flush().replaceWith(existing);
                });
    }

    private static KnownSetting known(String key) {
        return KnownSetting.byKey(key).orElseThrow(() -> ProblemException.invalidField("key",
                "unknown setting; known: " + Arrays.stream(KnownSetting.values()).map(KnownSetting::key).toList()));
    }

    private static List<EffectiveSetting> withDefaults(List<Setting> stored) {
        Map<String, EffectiveSetting> byKey = new HashMap<>();
        Arrays.stream(KnownSetting.values()).forEach(known -> byKey.put(known.key(), unset(known)));
        stored.forEach(setting -> byKey.put(setting.settingKey, stored(setting)));
        List<EffectiveSetting> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(EffectiveSetting::key));
        return all;
    }

    private static EffectiveSetting stored(Setting setting) {
        return new EffectiveSetting(setting.settingKey, SettingJson.parse(setting.json), false, setting.updatedAt);
    }

    private static EffectiveSetting unset(KnownSetting known) {
        return new EffectiveSetting(known.key(), known.defaultValue(), true, null);
    }

    private static ProblemException notFound(String key) {
        return ProblemException.notFound("setting " + key + " is not set and is not a known setting");
    }
}
