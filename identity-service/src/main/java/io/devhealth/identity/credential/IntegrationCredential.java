package io.devhealth.identity.credential;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import io.devhealth.identity.credential.service.SealedSecret;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A provider secret of an organization ({@code integration_credentials}), envelope-encrypted (see
 * {@code CredentialCipher}). The id is assigned before the insert because the ciphertexts are bound to it.
 * Updates write only the changed columns, so recording a use never races a secret replacement or a re-wrap.
 * Never serialized; its {@code toString} (Panache's) shows the id only.
 */
@Entity
@Table(name = "integration_credentials")
@DynamicUpdate
public class IntegrationCredential extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** git, github, gitlab, jira or pagerduty. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String provider;

    /** Unique per organization and provider. */
    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "encrypted_secret", nullable = false)
    public byte[] encryptedSecret;

    @Column(name = "wrapped_data_key")
    public byte[] wrappedDataKey;

    /** The id of the master key that wrapped {@link #wrappedDataKey}. */
    @Column(name = "key_id", nullable = false, columnDefinition = "text")
    public String keyId;

    @Column(name = "secret_fingerprint", columnDefinition = "text")
    public String secretFingerprint;

    @Column(name = "secret_updated_at", nullable = false)
    public Instant secretUpdatedAt;

    /** Non-secret connection details (baseUrl, account…): a flat object of strings. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> metadata;

    @Column(name = "created_by", updatable = false)
    public UUID createdBy;

    /** When sync-service last read the secret. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    // The table's trigger sets it too, for writes that bypass Hibernate.
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The stored form of the secret. */
    public SealedSecret sealed() {
        return new SealedSecret(encryptedSecret, wrappedDataKey, keyId);
    }

    /** Stores the sealed form of a secret: a new one, or the same one re-wrapped. */
    public void store(SealedSecret sealed) {
        encryptedSecret = sealed.ciphertext();
        wrappedDataKey = sealed.wrappedDataKey();
        keyId = sealed.masterKeyId();
    }
}
