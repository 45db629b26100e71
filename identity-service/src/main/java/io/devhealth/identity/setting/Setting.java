package io.devhealth.identity.setting;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * One organization setting ({@code settings}): a key and its JSON value. Only values an organization set are
 * stored; the defaults live in {@link io.devhealth.identity.setting.service.KnownSetting}.
 */
@Entity
@Table(name = "settings")
public class Setting extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** e.g. {@code timezone}; unique within the organization. */
    @Column(name = "key", nullable = false, updatable = false, columnDefinition = "text")
    public String settingKey;

    /**
     * The value as JSON text. Read and written as text with casts: values are strings and arrays as well as
     * objects, and Hibernate Reactive binds JSON attributes as objects only. The parameter is cast to text first:
     * bound straight to jsonb, the PostgreSQL client would encode the text as one JSON string.
     */
    @ColumnTransformer(read = "cast(value as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "value", nullable = false, columnDefinition = "jsonb")
    public String json;

    public static Setting of(UUID organizationId, String key, String json) {
        Setting setting = new Setting();
        setting.organizationId = organizationId;
        setting.settingKey = key;
        setting.json = json;
        return setting;
    }
}
