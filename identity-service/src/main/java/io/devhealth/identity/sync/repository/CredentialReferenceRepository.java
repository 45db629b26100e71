package io.devhealth.identity.sync.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * What a sync configuration needs to know of the integration credential it references: which provider it is
 * for. Reads {@code integration_credentials} directly (the credentials API owns the table and its entity); never
 * the secret.
 */
@WithSession
@ApplicationScoped
public class CredentialReferenceRepository {

    /** The provider of the organization's credential {@code credentialId}; null when the organization has none such. */
    public Uni<String> providerInOrganization(UUID organizationId, UUID credentialId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT provider FROM integration_credentials WHERE id = :id AND organization_id = :organization",
                        String.class)
                .setParameter("id", credentialId)
                .setParameter("organization", organizationId)
                .getSingleResultOrNull());
    }
}
