package io.devhealth.identity.credential.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.credential.CredentialRead;
import io.devhealth.identity.credential.IntegrationCredential;
import io.devhealth.identity.credential.repository.CredentialReadRepository;
import io.devhealth.identity.credential.repository.IntegrationCredentialRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Integration credentials as organization admins manage them: metadata in, metadata out; a secret goes in once
 * (create, replace) and never comes back (see {@link CredentialSecretService} for the one internal read).
 * Credentials of another organization are 404, like unknown ones.
 */
@ApplicationScoped
public class CredentialService {

    private static final String UNIQUE_NAME = "integration_credentials_organization_provider_name_key";
    private static final String USED_BY_SYNC = "sync_configurations_credential_id_fkey";
    private static final int USERS_NAMED = 5;

    private final OrgAccess access;
    private final IntegrationCredentialRepository credentials;
    private final CredentialReadRepository reads;
    private final CredentialCipher cipher;

    CredentialService(OrgAccess access, IntegrationCredentialRepository credentials, CredentialReadRepository reads,
            CredentialCipher cipher) {
        this.access = access;
        this.credentials = credentials;
        this.reads = reads;
        this.cipher = cipher;
    }

    /**
     * Creates a credential, its secret encrypted under a new data key; admins and owners. 422 when a field breaks
     * {@link CredentialRules}, 409 when the organization has a credential of that provider and name.
     */
    @WithTransaction
    public Uni<IntegrationCredential> create(String orgRef, NewCredential request) {
        return Uni.createFrom().item(() -> {
                    CredentialRules.checkSecret(request.secret());
                    return CredentialRules.metadata(request.metadata());
                })
                .flatMap(metadata -> access.require(orgRef, OrgPermission.CREDENTIALS_MANAGE)
                        .flatMap(granted -> credentials.persistAndFlush(
                                newCredential(granted, request, metadata, Instant.now()))))
                .onFailure(PgErrors.uniqueViolation(UNIQUE_NAME))
                .transform(duplicate -> ProblemException.conflict("a " + request.provider() + " credential named '"
                        + request.name() + "' already exists in this organization"));
    }

    /** A page of the organization's credentials by name; admins and owners. */
    @WithSession
    public Uni<Page<IntegrationCredential>> list(String orgRef, PageRequest page) {
        return access.require(orgRef, OrgPermission.CREDENTIALS_READ)
                .flatMap(granted -> credentials.countInOrganization(granted.organization().id)
                        .flatMap(total -> credentials.pageInOrganization(granted.organization().id, page.offset(), page.limit())
                                .map(items -> Page.of(items, page, total))));
    }

    /** One credential of the organization; admins and owners; 404 when it is not in that organization. */
    @WithSession
    public Uni<IntegrationCredential> get(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.CREDENTIALS_READ)
                .flatMap(granted -> credentials.findInOrganization(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    /** Replaces the secret (new data key, primary master key, new fingerprint); admins and owners. */
    @WithTransaction
    public Uni<IntegrationCredential> replaceSecret(String orgRef, UUID id, String secret) {
        return Uni.createFrom().voidItem()
                .invoke(() -> CredentialRules.checkSecret(secret))
                .flatMap(valid -> access.require(orgRef, OrgPermission.CREDENTIALS_MANAGE))
                .flatMap(granted -> credentials.findInOrganizationForUpdate(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(credential -> storeSecret(credential, secret, Instant.now()));
    }

    /**
     * Deletes a credential; admins and owners. 409 while a sync configuration uses it (the schema's
     * {@code ON DELETE RESTRICT}): the problem names them.
     */
    @WithTransaction
    public Uni<Void> delete(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.CREDENTIALS_MANAGE)
                .flatMap(granted -> credentials.findInOrganizationForUpdate(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id))
                .call(credential -> credentials.syncConfigurationsUsing(id, USERS_NAMED).invoke(users -> {
                    if (!users.isEmpty()) {
                        throw inUse(id, users);
                    }
                }))
                .call(credential -> credentials.delete(credential).call(credentials::flush))
                .onFailure(PgErrors.foreignKeyViolation(USED_BY_SYNC)).transform(used -> inUse(id, List.of()))
                .replaceWithVoid();
    }

    /** A page of the credential's secret reads, newest first; admins and owners. */
    @WithSession
    public Uni<Page<CredentialRead>> reads(String orgRef, UUID id, PageRequest page) {
        return get(orgRef, id).flatMap(credential -> reads.countForCredential(id)
                .flatMap(total -> reads.pageForCredential(id, page.offset(), page.limit())
                        .map(items -> Page.of(items, page, total))));
    }

    private IntegrationCredential newCredential(OrgAccess.CallerInOrg granted, NewCredential request,
            Map<String, String> metadata, Instant now) {
        IntegrationCredential credential = new IntegrationCredential();
        credential.id = UUID.randomUUID();
        credential.organizationId = granted.organization().id;
        credential.provider = request.provider();
        credential.name = request.name();
        credential.metadata = metadata;
        credential.createdBy = granted.caller().id;
        storeSecret(credential, request.secret(), now);
        return credential;
    }

    private void storeSecret(IntegrationCredential credential, String secret, Instant now) {
        credential.store(cipher.seal(credential.organizationId, credential.id, secret));
        credential.secretFingerprint = cipher.fingerprint(secret);
        credential.secretUpdatedAt = now;
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("credential " + id + " does not exist");
    }

    private static ProblemException inUse(UUID id, List<String> users) {
        String named = users.isEmpty() ? "a sync configuration"
                : "sync configuration" + (users.size() > 1 ? "s " : " ")
                        + users.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        return ProblemException.conflict("credential " + id + " is used by " + named
                + ": point them at another credential or delete them first");
    }
}
