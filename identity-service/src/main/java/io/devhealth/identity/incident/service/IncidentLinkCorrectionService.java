package io.devhealth.identity.incident.service;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.incident.IncidentLinkCorrection;
import io.devhealth.identity.incident.repository.IncidentLinkCorrectionRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.service.ChangeFeed;
import io.devhealth.identity.people.service.FeedPage;
import io.devhealth.identity.people.service.FeedPosition;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Corrections of incident ↔ deployment links. Reading needs {@link OrgPermission#ANALYTICS_READ} (links are part of
 * the analytics), changing {@link OrgPermission#INCIDENT_LINKS_MANAGE}. Writes hold the organization's change-feed
 * lock and stamp the correction with the feed version, so sync-service's feed poll sees them in commit order.
 */
@ApplicationScoped
public class IncidentLinkCorrectionService {

    /** The incident sources a correction may name: where sync-service's incidents come from. */
    public static final Set<String> PROVIDERS = Set.of("pagerduty", "jira", "github", "gitlab");
    private static final int MAX_INCIDENT_ID = 200;

    private final OrgAccess access;
    private final IncidentLinkCorrectionRepository corrections;
    private final ChangeFeed feed;

    IncidentLinkCorrectionService(OrgAccess access, IncidentLinkCorrectionRepository corrections, ChangeFeed feed) {
        this.access = access;
        this.corrections = corrections;
        this.feed = feed;
    }

    /**
     * What a correction says.
     *
     * @param repoId       the causing deployment's repository, null with {@code deploymentId}: no deployment caused it
     * @param deploymentId the causing deployment's provider id in that repository
     * @param note         why (may be empty)
     */
    public record CorrectionDraft(UUID repoId, String deploymentId, String note) {
    }

    /** One page of the organization's corrections, most recently changed first. */
    @WithSession
    public Uni<Page<IncidentLinkCorrection>> list(String orgRef, PageRequest page) {
        return access.require(orgRef, OrgPermission.ANALYTICS_READ).flatMap(granted -> {
            UUID organizationId = granted.organization().id;
            return corrections.countInOrganization(organizationId)
                    .flatMap(total -> corrections.listPage(organizationId, page)
                            .map(items -> Page.of(items, page, total)));
        });
    }

    /**
     * Creates or replaces the correction of one incident. A correction equal to the current one changes nothing
     * (the feed does not move).
     *
     * @throws ProblemException 422 for an unknown provider or a malformed incident id
     */
    @WithTransaction
    public Uni<IncidentLinkCorrection> correct(String orgRef, String provider, String incidentId,
            CorrectionDraft draft) {
        return access.require(orgRef, OrgPermission.INCIDENT_LINKS_MANAGE)
                .invoke(granted -> checkIncident(provider, incidentId))
                .flatMap(granted -> feed.lock(granted.organization().id)
                        .flatMap(counter -> corrections.findByIncident(counter.organizationId, provider, incidentId)
                                .flatMap(existing -> {
                                    IncidentLinkCorrection correction = existing;
                                    if (correction == null) {
                                        correction = new IncidentLinkCorrection();
                                        correction.organizationId = counter.organizationId;
                                        correction.provider = provider;
                                        correction.incidentId = incidentId;
                                    } else if (sameAs(correction, draft)) {
                                        return Uni.createFrom().item(correction);
                                    }
                                    correction.repoId = draft.repoId();
                                    correction.deploymentId = draft.deploymentId();
                                    correction.note = draft.note() == null ? "" : draft.note();
                                    correction.correctedBy = granted.caller().id;
                                    correction.changeVersion = counter.next();
                                    return corrections.persistAndFlush(correction);
                                })))
                .onFailure(PgErrors.uniqueViolation("incident_link_corrections_incident_key"))
                .transform(race -> ProblemException.conflict(
                        "another request corrected this incident at the same time; retry"));
    }

    /** Withdraws the correction of one incident: sync-service links it on its own again. 404 when there is none. */
    @WithTransaction
    public Uni<Void> withdraw(String orgRef, String provider, String incidentId) {
        return access.require(orgRef, OrgPermission.INCIDENT_LINKS_MANAGE)
                .invoke(granted -> checkIncident(provider, incidentId))
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> corrections.findByIncident(counter.organizationId, provider, incidentId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound(
                                "no correction of " + provider + " incident " + incidentId))
                        .call(corrections::delete)
                        .call(correction -> feed.deleted(counter, ChangeFeedDeletion.INCIDENT_LINK_CORRECTION,
                                correction.id)))
                .call(deleted -> corrections.flush())
                .replaceWithVoid();
    }

    /** For sync-service: at most {@code limit} correction changes of the organization after {@code after}. */
    @WithSession
    public Uni<FeedPage<IncidentLinkCorrection>> changes(UUID organizationId, FeedPosition after, int limit) {
        return feed.read(organizationId, ChangeFeedDeletion.INCIDENT_LINK_CORRECTION, after, limit,
                (position, max) -> corrections.listChangedAfter(organizationId, position.version(), position.id(),
                        max),
                correction -> new FeedPosition(correction.changeVersion, correction.id));
    }

    private static boolean sameAs(IncidentLinkCorrection correction, CorrectionDraft draft) {
        return Objects.equals(correction.repoId, draft.repoId())
                && Objects.equals(correction.deploymentId, draft.deploymentId())
                && correction.note.equals(draft.note() == null ? "" : draft.note());
    }

    /** The path's incident: a known source and an id of 1–200 characters without control characters. */
    private static void checkIncident(String provider, String incidentId) {
        if (!PROVIDERS.contains(provider)) {
            throw ProblemException.invalidField("provider", "must be one of github, gitlab, jira, pagerduty");
        }
        if (incidentId == null || incidentId.isEmpty() || incidentId.length() > MAX_INCIDENT_ID
                || incidentId.chars().anyMatch(Character::isISOControl) || !incidentId.strip().equals(incidentId)) {
            throw ProblemException.invalidField("incidentId",
                    "must be 1–200 characters without control characters or surrounding white space");
        }
    }
}
