package io.devhealth.identity.sync.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.setting.service.KnownSetting;
import io.devhealth.identity.setting.service.SettingService;
import io.devhealth.identity.sync.CronSchedule;
import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.repository.CredentialReferenceRepository;
import io.devhealth.identity.sync.repository.SyncConfigurationRepository;
import io.devhealth.identity.sync.repository.SyncRunRepository;
import io.devhealth.identity.sync.service.SyncConfigurationChanges.ScheduleChange;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Sync configurations: members read them, admins create, change and delete them. Every write checks the provider
 * options' shape, the git repository path's privilege ({@link LocalRepositoryPolicy}), the credential reference
 * (same organization, same provider) and the cron schedule.
 */
@ApplicationScoped
public class SyncConfigurationService {

    private static final String NAME_CONSTRAINT = "sync_configurations_organization_name_key";
    private static final String CREDENTIAL_CONSTRAINT = "sync_configurations_credential_id_fkey";

    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final SyncConfigurationRepository configurations;
    private final SyncRunRepository runs;
    private final CredentialReferenceRepository credentials;
    private final SettingService settings;
    private final LocalRepositoryPolicy localRepositories;

    SyncConfigurationService(OrgAccess access, OrganizationRepository organizations,
            SyncConfigurationRepository configurations, SyncRunRepository runs,
            CredentialReferenceRepository credentials, SettingService settings,
            LocalRepositoryPolicy localRepositories) {
        this.access = access;
        this.organizations = organizations;
        this.configurations = configurations;
        this.runs = runs;
        this.credentials = credentials;
        this.settings = settings;
        this.localRepositories = localRepositories;
    }

    /**
     * Creates a configuration in the organization; admins. 422 naming the field for malformed options, a repository
     * path outside the permitted roots, a credential not of this organization and provider, or a bad schedule; 409
     * when the name is taken in the organization.
     */
    @WithTransaction
    public Uni<ConfigurationView> create(String orgRef, NewSyncConfiguration request) {
        return access.require(orgRef, OrgPermission.SYNC_MANAGE)
                .flatMap(granted -> {
                    UUID organizationId = granted.organization().id;
                    Map<String, Object> options = ProviderOptions.validate(request.provider(), request.options());
                    return requirePermittedPath(organizationId, request.provider(), options)
                            .call(() -> requireCredential(organizationId, request.provider(), request.credentialId()))
                            .flatMap(checked -> cronSchedule(organizationId, request.scheduleCron(),
                                    request.scheduleTimeZone()))
                            .flatMap(schedule -> configurations.persistAndFlush(
                                    newConfiguration(granted, request, options, schedule)));
                })
                .map(created -> new ConfigurationView(created, created.nextRunAt(null)))
                .onFailure(this::isWriteConflict).transform(failure -> writeConflict(failure, request.name()));
    }

    /**
     * Changes the members {@code changes} names ({@link SyncConfigurationChanges}); admins. The same checks as
     * {@link #create} for what changes; 404 when the configuration is not in the organization.
     */
    @WithTransaction
    public Uni<ConfigurationView> update(String orgRef, UUID id, SyncConfigurationChanges changes) {
        return access.require(orgRef, OrgPermission.SYNC_MANAGE)
                .flatMap(granted -> configurations.findInOrganization(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id))
                .call(configuration -> apply(configuration, changes))
                .call(configuration -> configurations.flush())
                .flatMap(this::view)
                .onFailure(this::isWriteConflict).transform(failure -> writeConflict(failure, changes.name()));
    }

    /**
     * Deletes a configuration and its runs; admins. 409 sync-run-already-running while a run holds a live lease
     * (a run whose lease expired is deleted with it); 404 when the configuration is not in the organization.
     */
    @WithTransaction
    public Uni<Void> delete(String orgRef, UUID id) {
        Instant now = now();
        return access.require(orgRef, OrgPermission.SYNC_MANAGE)
                // Locked like a claim locks it, so no run can start between the check and the delete.
                .flatMap(granted -> configurations.findForUpdate(id)
                        .map(found -> found != null && found.organizationId.equals(granted.organization().id)
                                ? found : null))
                .onItem().ifNull().failWith(() -> notFound(id))
                .call(configuration -> runs.findRunning(configuration.id).invoke(running -> {
                    if (running != null && !running.leaseExpired(now)) {
                        throw ProblemException.syncRunAlreadyRunning("run " + running.id + " of sync configuration "
                                + id + " is running; delete the configuration once it has ended");
                    }
                }))
                .flatMap(configurations::delete);
    }

    /** The organization's configurations by name; members and above. */
    @WithSession
    public Uni<List<ConfigurationView>> list(String orgRef) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> configurations.listInOrganization(granted.organization().id))
                .flatMap(list -> runs.latestStarts(list.stream().map(configuration -> configuration.id).toList())
                        .map(latest -> list.stream()
                                .map(configuration -> new ConfigurationView(configuration,
                                        configuration.nextRunAt(latest.get(configuration.id))))
                                .toList()));
    }

    /** One configuration of the organization; members and above; 404 when it is not in that organization. */
    @WithSession
    public Uni<ConfigurationView> get(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> configurations.findInOrganization(granted.organization().id, id))
                .onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(this::view);
    }

    /** For services: any configuration with its organization's slug and settings; 404 when there is none. */
    @WithSession
    public Uni<OrganizedConfiguration> getForService(UUID id) {
        return configurations.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(configuration -> organized(List.of(configuration)))
                .map(List::getFirst);
    }

    /** For the scheduler: the configurations due now (see {@link SyncConfigurationRepository#listDue}). */
    @WithSession
    public Uni<List<OrganizedConfiguration>> listDue() {
        return configurations.listDue(now()).flatMap(this::organized);
    }

    private Uni<List<OrganizedConfiguration>> organized(List<SyncConfiguration> list) {
        List<UUID> organizationIds = list.stream().map(configuration -> configuration.organizationId).distinct()
                .toList();
        return organizations.listByIds(organizationIds)
                .map(orgs -> orgs.stream().collect(Collectors.toMap(org -> org.id, org -> org.slug)))
                .flatMap(slugs -> settings.values(organizationIds).map(orgSettings -> list.stream()
                        .map(configuration -> new OrganizedConfiguration(configuration,
                                slugs.get(configuration.organizationId), orgSettings.get(configuration.organizationId)))
                        .toList()));
    }

    private Uni<ConfigurationView> view(SyncConfiguration configuration) {
        return runs.latestStarts(List.of(configuration.id))
                .map(latest -> new ConfigurationView(configuration, configuration.nextRunAt(latest.get(configuration.id))));
    }

    private Uni<Void> apply(SyncConfiguration configuration, SyncConfigurationChanges changes) {
        Instant now = now();
        UUID organizationId = configuration.organizationId;
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (changes.options() != null) {
            Map<String, Object> options = ProviderOptions.validate(configuration.provider, changes.options());
            checks = checks.call(() -> requirePermittedPath(organizationId, configuration.provider, options))
                    .invoke(() -> configuration.options = options);
        }
        if (changes.credentialId() != null) {
            UUID credentialId = changes.credentialId().orElse(null);
            checks = checks.call(() -> requireCredential(organizationId, configuration.provider, credentialId))
                    .invoke(() -> configuration.credentialId = credentialId);
        }
        if (changes.schedule() != null) {
            Optional<ScheduleChange> schedule = changes.schedule();
            checks = checks.call(() -> cronSchedule(organizationId, schedule.map(ScheduleChange::cron).orElse(null),
                    schedule.map(ScheduleChange::timeZone).orElse(null))
                    .invoke(parsed -> configuration.schedule(parsed, now)));
        }
        return checks.invoke(() -> {
            if (changes.name() != null) {
                configuration.name = changes.name();
            }
            if (changes.scheduleIntervalSeconds() != null) {
                configuration.scheduleIntervalSeconds = changes.scheduleIntervalSeconds().orElse(null);
            }
            if (changes.backfillDays() != null) {
                configuration.backfillDays = changes.backfillDays().orElse(null);
            }
            if (changes.enabled() != null) {
                boolean reenabled = changes.enabled() && !configuration.enabled;
                configuration.enabled = changes.enabled();
                if (reenabled && changes.schedule() == null && configuration.scheduleCron != null) {
                    // Fire times missed while disabled are skipped, not run at once.
                    configuration.schedule(configuration.cronSchedule(), now);
                }
            }
        });
    }

    private Uni<Void> requirePermittedPath(UUID organizationId, String provider, Map<String, Object> options) {
        return ProviderOptions.GIT.equals(provider)
                ? localRepositories.requirePermitted(organizationId, ProviderOptions.gitRepositoryPath(options),
                        "options." + ProviderOptions.REPOSITORY_PATH)
                : Uni.createFrom().voidItem();
    }

    /** 422 unless {@code credentialId} (null: none) is a credential of the organization for {@code provider}. */
    private Uni<Void> requireCredential(UUID organizationId, String provider, UUID credentialId) {
        if (credentialId == null) {
            return Uni.createFrom().voidItem();
        }
        return credentials.providerInOrganization(organizationId, credentialId).invoke(found -> {
            if (found == null) {
                throw ProblemException.invalidField("credentialId", "no credential with this id in this organization");
            }
            if (!found.equals(provider)) {
                throw ProblemException.invalidField("credentialId",
                        "the credential is for provider " + found + ", not " + provider);
            }
        }).replaceWithVoid();
    }

    /** The cron schedule ({@code timeZone} null: the organization's timezone setting); null when {@code cron} is. */
    private Uni<CronSchedule> cronSchedule(UUID organizationId, String cron, String timeZone) {
        if (cron == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<String> zone = timeZone != null ? Uni.createFrom().item(timeZone)
                : settings.value(organizationId, KnownSetting.TIMEZONE).map(JsonNode::asText);
        return zone.map(resolved -> CronSchedule.parse(cron, resolved, "schedule"));
    }

    private static SyncConfiguration newConfiguration(OrgAccess.CallerInOrg granted, NewSyncConfiguration request,
            Map<String, Object> options, CronSchedule schedule) {
        SyncConfiguration configuration = new SyncConfiguration();
        configuration.organizationId = granted.organization().id;
        configuration.name = request.name().strip();
        configuration.provider = request.provider();
        configuration.options = options;
        configuration.schedule(schedule, now());
        configuration.scheduleIntervalSeconds = request.scheduleIntervalSeconds();
        configuration.credentialId = request.credentialId();
        configuration.backfillDays = request.backfillDays();
        configuration.enabled = request.enabled();
        configuration.createdBy = granted.caller().id;
        return configuration;
    }

    private boolean isWriteConflict(Throwable failure) {
        return PgErrors.uniqueViolation(NAME_CONSTRAINT).test(failure)
                || PgErrors.foreignKeyViolation(CREDENTIAL_CONSTRAINT).test(failure);
    }

    /** A duplicate name (409), or a credential deleted since it was checked (422). */
    private static RuntimeException writeConflict(Throwable failure, String name) {
        if (PgErrors.uniqueViolation(NAME_CONSTRAINT).test(failure)) {
            return ProblemException.conflict("a sync configuration named '" + (name == null ? "" : name.strip())
                    + "' already exists in this organization");
        }
        return ProblemException.invalidField("credentialId", "no credential with this id in this organization");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static RuntimeException notFound(UUID id) {
        return ProblemException.notFound("sync configuration " + id + " does not exist");
    }

    /** A configuration, the slug of the organization it belongs to and that organization's settings. */
    public record OrganizedConfiguration(SyncConfiguration configuration, String orgSlug,
            Map<String, JsonNode> orgSettings) {
    }
}
