package io.devhealth.sync.people;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.devhealth.sync.client.ChangeFeedPage;
import io.devhealth.sync.client.ChangeFeedPage.OrgVersion;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.metrics.MetricsException;
import io.devhealth.sync.metrics.PeopleMetricsDaily;

/**
 * Copies identity-service's people, teams and incident link corrections into ClickHouse by reading its change feeds (identity's
 * {@code ChangeFeedContract}): one call lists every organization's feed version; only feeds that moved are read,
 * page by page from the version last applied, and the cursor moves only after every page is written. A crash
 * between pages re-reads them on the next refresh; rows carry feed versions, so nothing is applied twice.
 *
 * <p>After an organization's people or teams changed, its people and team metrics are recomputed
 * ({@link PeopleMetricsDaily#recomputeAll}): attribution follows the mappings.
 *
 * <p>A feed whose version went back (identity restored from a backup) is copied again from scratch: the copy
 * and the cursors of that organization are deleted first, since the old rows' higher versions would otherwise
 * win every merge.
 */
@ApplicationScoped
public class PeopleRefresh {

    static final String PEOPLE_FEED = "people";
    static final String TEAMS_FEED = "teams";
    static final String CORRECTIONS_FEED = "incident-link-corrections";
    private static final Logger LOG = Logger.getLogger(PeopleRefresh.class);

    private final IdentityClient identity;
    private final FeedCursors cursors;
    private final PeopleRows rows;
    private final PeopleMetricsDaily metrics;
    private final Event<CorrectionsChanged> correctionsChanged;
    private final int pageSize;

    PeopleRefresh(IdentityClient identity, FeedCursors cursors, PeopleRows rows, PeopleMetricsDaily metrics,
            Event<CorrectionsChanged> correctionsChanged,
            @ConfigProperty(name = "devhealth.people.page-size", defaultValue = "500") int pageSize) {
        this.identity = identity;
        this.cursors = cursors;
        this.rows = rows;
        this.metrics = metrics;
        this.correctionsChanged = correctionsChanged;
        this.pageSize = pageSize;
    }

    /**
     * What one refresh did.
     *
     * @param organizations organizations whose feeds moved and were read
     * @param rows          rows written to people, person_identities and teams
     * @param failed        organizations whose refresh failed (logged; retried on the next refresh)
     */
    public record Summary(int organizations, long rows, int failed) {
    }

    /**
     * Refreshes every organization whose people or teams changed since the last refresh. One organization's
     * failure does not stop the others.
     *
     * @throws io.devhealth.sync.client.IdentityException identity cannot list the feed versions
     */
    public Summary refreshAll() {
        List<OrgVersion> versions = identity.feedVersions();
        Map<UUID, Map<String, Long>> applied = cursors.all();
        int organizations = 0;
        long written = 0;
        int failed = 0;
        for (OrgVersion org : versions) {
            Map<String, Long> orgCursors = applied.getOrDefault(org.orgId(), Map.of());
            long people = orgCursors.getOrDefault(PEOPLE_FEED, 0L);
            long teams = orgCursors.getOrDefault(TEAMS_FEED, 0L);
            long corrections = orgCursors.getOrDefault(CORRECTIONS_FEED, 0L);
            if (people == org.version() && teams == org.version() && corrections == org.version()) {
                continue;
            }
            organizations++;
            try {
                long orgWritten = refresh(org, people, teams, corrections);
                written += orgWritten;
                if (orgWritten > 0) {
                    reattribute(org.orgId());
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf("people refresh of organization %s failed (retried on the next refresh): %s", org.orgId(),
                        e.getMessage());
            }
        }
        return new Summary(organizations, written, failed);
    }

    /**
     * A mapping or a team changed: every day of the organization may now belong to someone else, so its people and
     * team metrics are recomputed whole (one INSERT … SELECT inside ClickHouse). A failure is logged; the days of
     * later runs are recomputed with the new mappings anyway.
     */
    private void reattribute(UUID orgId) {
        try {
            metrics.recomputeAll(orgId);
        } catch (MetricsException e) {
            LOG.warnf("people metrics of organization %s were not recomputed after its people changed: %s", orgId,
                    e.getMessage());
        }
    }

    private long refresh(OrgVersion org, long people, long teams, long corrections) {
        String generation = "";
        if (people > org.version() || teams > org.version() || corrections > org.version()) {
            LOG.warnf("identity's change feed of organization %s went back from %d to %d (a restore?): copying "
                    + "its people, teams and incident link corrections again", org.orgId(),
                    Math.max(Math.max(people, teams), corrections), org.version());
            cursors.forget(org.orgId());
            // ClickHouse remembers the deleted rows' batches: fresh deduplication tokens, or they would be dropped.
            generation = "/" + System.currentTimeMillis();
            people = 0;
            teams = 0;
            corrections = 0;
        }
        String finalGeneration = generation;
        long written = 0;
        if (people < org.version()) {
            written += copy(org.orgId(), PEOPLE_FEED, people,
                    (since, after) -> identity.peopleChanges(org.orgId(), since, after, pageSize),
                    page -> rows.writePeople(org.orgId(), finalGeneration, page));
        }
        if (teams < org.version()) {
            written += copy(org.orgId(), TEAMS_FEED, teams,
                    (since, after) -> identity.teamChanges(org.orgId(), since, after, pageSize),
                    page -> rows.writeTeams(org.orgId(), finalGeneration, page));
        }
        if (corrections < org.version()) {
            long copied = copy(org.orgId(), CORRECTIONS_FEED, corrections,
                    (since, after) -> identity.incidentLinkCorrectionChanges(org.orgId(), since, after, pageSize),
                    page -> rows.writeCorrections(org.orgId(), finalGeneration, page),
                    copiedRows -> {
                        if (copiedRows > 0) {
                            // before the cursor moves: a failed relink is retried by the next refresh
                            correctionsChanged.fire(new CorrectionsChanged(org.orgId()));
                        }
                    });
            written += copied;
        }
        return written;
    }

    /**
     * Fired (synchronously) when an organization's incident link corrections changed in ClickHouse, before the feed
     * cursor moves past them: an observer that throws makes the next refresh copy and fire again.
     */
    public record CorrectionsChanged(UUID orgId) {
    }

    @FunctionalInterface
    private interface PageReader<T> {
        ChangeFeedPage<T> read(long sinceVersion, UUID afterId);
    }

    @FunctionalInterface
    private interface PageWriter<T> {
        long write(ChangeFeedPage<T> page);
    }

    /** Reads one feed from {@code since} to its end, writes every page, then moves the cursor. */
    private <T> long copy(UUID orgId, String feed, long since, PageReader<T> reader, PageWriter<T> writer) {
        return copy(orgId, feed, since, reader, writer, copiedRows -> { });
    }

    /** As above, running {@code beforeCursor} with the rows written once the last page is written. */
    private <T> long copy(UUID orgId, String feed, long since, PageReader<T> reader, PageWriter<T> writer,
            LongConsumer beforeCursor) {
        long written = 0;
        long sinceVersion = since;
        UUID afterId = null;
        while (true) {
            ChangeFeedPage<T> page = reader.read(sinceVersion, afterId);
            written += writer.write(page);
            if (!page.hasMore() || page.next() == null) {
                beforeCursor.accept(written);
                cursors.save(orgId, feed, Math.max(page.version(), since));
                return written;
            }
            sinceVersion = page.next().sinceVersion();
            afterId = page.next().afterId();
        }
    }
}
