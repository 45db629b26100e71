package io.devhealth.identity.sync.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.repository.SyncConfigurationRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SyncConfigurationService {

    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final SyncConfigurationRepository configurations;

    SyncConfigurationService(OrgAccess access, OrganizationRepository organizations,
            SyncConfigurationRepository configurations) {
        this.access = access;
        this.organizations = organizations;
        this.configurations = configurations;
    }

    /**
     * Creates a configuration in the organization; the caller must be its admin or owner. Fails with 422 when
     * the provider is not supported or its options are malformed, 409 when the name is taken in the organization.
     */
    @WithTransaction
    public Uni<SyncConfiguration> create(String orgRef, NewSyncConfiguration request) {
        return Uni.createFrom().voidItem()
                .invoke(() -> ProviderOptions.validate(request.provider(), request.options()))
                .flatMap(valid -> access.require(orgRef, OrgPermission.SYNC_MANAGE))
                .flatMap(granted -> configurations.persistAndFlush(newConfiguration(granted, request)))
                .onFailure(PgErrors.uniqueViolation("sync_configurations_organization_name_key"))
                .transform(duplicate -> ProblemException.conflict("a sync configuration named '"
                        + request.name().strip() + "' already exists in this organization"));
    }

    /** The organization's configurations by name; members and above. */
    @WithSession
    public Uni<List<SyncConfiguration>> list(String orgRef) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> configurations.listInOrganization(granted.organization().id));
    }

    /** One configuration of the organization; members and above; 404 when it is not in that organization. */
    @WithSession
    public Uni<SyncConfiguration> get(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> configurations.findInOrganization(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    /** For services: any configuration with its organization's slug; 404 when there is none. */
    @WithSession
    public Uni<OrganizedConfiguration> getForService(UUID id) {
        return configurations.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(configuration -> organizations.findById(configuration.organizationId)
                        .map(organization -> new OrganizedConfiguration(configuration, organization.slug)));
    }

    /** For the scheduler: the configurations due now (see {@link SyncConfigurationRepository#listDue}). */
    @WithSession
    public Uni<List<OrganizedConfiguration>> listDue() {
        return configurations.listDue(Instant.now()).flatMap(due -> organizations
                .listByIds(due.stream().map(configuration -> configuration.organizationId).distinct().toList())
                .map(orgs -> {
                    Map<UUID, String> slugs = orgs.stream()
                            .collect(Collectors.toMap(org -> org.id, org -> org.slug));
                    return due.stream()
                            .map(configuration -> new OrganizedConfiguration(configuration,
                                    slugs.get(configuration.organizationId)))
                            .toList();
                }));
    }

    private static SyncConfiguration newConfiguration(OrgAccess.CallerInOrg granted, NewSyncConfiguration request) {
        SyncConfiguration configuration = new SyncConfiguration();
        configuration.organizationId = granted.organization().id;
        configuration.name = request.name().strip();
        configuration.provider = request.provider();
        configuration.options = request.options();
        configuration.scheduleIntervalSeconds = request.scheduleIntervalSeconds();
        configuration.enabled = request.enabled();
        configuration.createdBy = granted.caller().id;
        return configuration;
    }

    static RuntimeException notFound(UUID id) {
        return ProblemException.notFound("sync configuration " + id + " does not exist");
    }

    /** A configuration and the slug of the organization it belongs to. */
    public record OrganizedConfiguration(SyncConfiguration configuration, String orgSlug) {
    }
}
