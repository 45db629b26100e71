package io.devhealth.identity.credential.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.devhealth.identity.credential.CredentialRead;
import io.devhealth.identity.credential.IntegrationCredential;
import io.devhealth.identity.credential.repository.CredentialReadRepository;
import io.devhealth.identity.credential.repository.IntegrationCredentialRepository;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The one place a secret is decrypted for use: sync-service reads it, on behalf of a run, and every read is
 * audited ({@code credential_reads}) and recorded as the credential's last use, in the same transaction.
 */
@ApplicationScoped
public class CredentialSecretService {

    private static final Logger LOG = Logger.getLogger(CredentialSecretService.class);

    private final IntegrationCredentialRepository credentials;
    private final CredentialReadRepository reads;
    private final CredentialCipher cipher;

    CredentialSecretService(IntegrationCredentialRepository credentials, CredentialReadRepository reads,
            CredentialCipher cipher) {
        this.credentials = credentials;
        this.reads = reads;
        this.cipher = cipher;
    }

    /**
     * The credential {@code id} of organization {@code orgId} with its plaintext secret, read by {@code reader}
     * (the service token's subject) for sync run {@code syncRunId} (optional). 404 when the organization has no
     * such credential; 422 when the run is not one of the organization's; 409 {@code credential-unreadable} when
     * the stored secret cannot be decrypted (logged, without the secret: the row is damaged or its master key is
     * not configured; an admin replacing the secret resolves it).
     */
    @WithTransaction
    public Uni<CredentialSecret> read(UUID orgId, UUID id, String reader, UUID syncRunId) {
        return credentials.findInOrganization(orgId, id)
                .onItem().ifNull().failWith(() -> CredentialService.notFound(id))
                .call(credential -> syncRunId == null ? Uni.createFrom().voidItem()
                        : reads.isRunOfOrganization(syncRunId, orgId).invoke(known -> {
                            if (!known) {
                                throw ProblemException.invalidField("runId",
                                        "sync run " + syncRunId + " does not exist in this organization");
                            }
                        }))
                .map(credential -> new CredentialSecret(credential, decrypt(credential)))
                .call(read -> reads.persist(CredentialRead.of(read.credential(), reader, syncRunId)))
                .call(read -> credentials.markUsed(id, Instant.now()));
    }

    private String decrypt(IntegrationCredential credential) {
        try {
            return cipher.open(credential.organizationId, credential.id, credential.sealed());
        } catch (UnreadableSecretException e) {
            LOG.errorf("credential %s of organization %s cannot be decrypted (master key '%s', %s): %s",
                    credential.id, credential.organizationId, credential.keyId, e.reason(), e.getMessage());
            throw ProblemException.credentialUnreadable("the stored secret of credential " + credential.id
                    + " cannot be decrypted; an admin must replace it (PUT …/credentials/" + credential.id
                    + "/secret)");
        }
    }
}
