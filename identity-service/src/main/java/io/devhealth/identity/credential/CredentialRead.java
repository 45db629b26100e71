package io.devhealth.identity.credential;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * One plaintext read of a credential's secret ({@code credential_reads}), insert-only: who read it ({@link #reader},
 * the token subject), when ({@link #createdAt}) and for which sync run, if the reader named one.
 */
@Entity
@Table(name = "credential_reads")
public class CredentialRead extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "credential_id", nullable = false, updatable = false)
    public UUID credentialId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String reader;

    @Column(name = "sync_run_id", updatable = false)
    public UUID syncRunId;

    public static CredentialRead of(IntegrationCredential credential, String reader, UUID syncRunId) {
        CredentialRead read = new CredentialRead();
        read.organizationId = credential.organizationId;
        read.credentialId = credential.id;
        read.reader = reader;
        read.syncRunId = syncRunId;
        return read;
    }
}
