package io.devhealth.sync.people;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.query.GenericRecord;

import io.devhealth.sync.client.ChangeFeedPage;
import io.devhealth.sync.client.ChangeFeedPage.Correction;
import io.devhealth.sync.client.ChangeFeedPage.Deletion;
import io.devhealth.sync.client.ChangeFeedPage.Identity;
import io.devhealth.sync.client.ChangeFeedPage.Person;
import io.devhealth.sync.client.ChangeFeedPage.Team;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Writes pages of identity's people and teams feeds to ClickHouse ({@code people}, {@code person_identities},
 * {@code teams}; migrations/clickhouse/V2__people.sql). Rows carry the feed's versions, so applying a page twice,
 * or two replicas applying it at once, leaves one row per key.
 */
@ApplicationScoped
class PeopleRows {

    static final Table PEOPLE = new Table("people", List.of("org_id", "person_id", "person_key", "display_name",
            "primary_email", "user_id", "updated_at", "is_deleted", "version"));
    static final Table PERSON_IDENTITIES = new Table("person_identities", List.of("org_id", "provider",
            "external_id", "person_id", "name", "email", "is_deleted", "version"));
    static final Table TEAMS = new Table("teams", List.of("org_id", "team_id", "team_key", "name", "members",
            "repo_patterns", "project_keys", "updated_at", "is_deleted", "version"));
    static final Table INCIDENT_LINK_CORRECTIONS = new Table("incident_link_corrections", List.of("org_id",
            "correction_id", "provider", "incident_id", "repo_id", "deployment_id", "is_deleted", "version"));

    private final ClickHouseSink sink;
    private final FeedCursors cursors;

    PeopleRows(ClickHouseSink sink, FeedCursors cursors) {
        this.sink = sink;
        this.cursors = cursors;
    }

    /** An identity's key in {@code person_identities}: identity matches external ids case-insensitively. */
    record IdentityKey(String provider, String externalId) {

        static IdentityKey of(String provider, String externalId) {
            return new IdentityKey(provider, externalId.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Writes a people page: each changed person whole, its identities, tombstones for identities it no longer has
     * (unless the page gives them to another person), and tombstones for deleted people and their identities.
     *
     * @param generation mixed into the batches' deduplication tokens: after a copy was deleted (a feed reset), the
     *                   same rows must not be dropped as retries of the deleted ones
     * @return rows written
     */
    long writePeople(UUID orgId, String generation, ChangeFeedPage<Person> page) {
        Set<UUID> touched = new HashSet<>();
        page.changed().forEach(person -> touched.add(person.id()));
        page.deleted().forEach(deletion -> touched.add(deletion.id()));
        Map<UUID, List<IdentityKey>> copied = copiedIdentities(orgId, touched);
        Set<IdentityKey> assigned = page.changed().stream().flatMap(person -> person.identities().stream())
                .map(identity -> IdentityKey.of(identity.provider(), identity.externalId()))
                .collect(Collectors.toSet());

        long rows = 0;
        Instant now = Instant.now();
        try (SinkSession session = sink.open(page.version(), orgId + "/people" + generation);
                TableBatcher people = session.batcher(PEOPLE);
                TableBatcher identities = session.batcher(PERSON_IDENTITIES)) {
            for (Person person : page.changed()) {
                people.row().uuid(orgId).uuid(person.id()).string(person.key()).string(person.displayName())
                        .string(person.primaryEmail()).nullableUuid(person.userId())
                        .dateTime64Millis(millis(person.updatedAt(), now)).uint8(0).uint64(person.version());
                people.endRow(key(person.id()), versionBytes(person.version()));
                rows++;
                Set<IdentityKey> kept = new HashSet<>();
                for (Identity identity : person.identities()) {
                    IdentityKey key = IdentityKey.of(identity.provider(), identity.externalId());
                    kept.add(key);
                    identities.row().uuid(orgId).string(key.provider()).string(key.externalId()).uuid(person.id())
                            .string(identity.name()).string(identity.email()).uint8(0)
                            .uint64(liveIdentityVersion(person.version()));
                    identities.endRow(identityKey(key), versionBytes(liveIdentityVersion(person.version())));
                    rows++;
                }
                for (IdentityKey gone : copied.getOrDefault(person.id(), List.of())) {
                    if (!kept.contains(gone) && !assigned.contains(gone)) {
                        rows += tombstone(identities, orgId, gone, person.id(), person.version());
                    }
                }
            }
            for (Deletion deletion : page.deleted()) {
                people.row().uuid(orgId).uuid(deletion.id()).string("").string("").string("").nullableUuid(null)
                        .dateTime64Millis(now.toEpochMilli()).uint8(1).uint64(deletion.version());
                people.endRow(key(deletion.id()), versionBytes(deletion.version()));
                rows++;
                for (IdentityKey gone : copied.getOrDefault(deletion.id(), List.of())) {
                    if (!assigned.contains(gone)) {
                        rows += tombstone(identities, orgId, gone, deletion.id(), deletion.version());
                    }
                }
            }
            people.close();
            identities.close();
            session.finish();
        }
        return rows;
    }

    /**
     * Writes a teams page: each changed team whole (members as person ids) and tombstones for deleted teams.
     *
     * @param generation as for {@link #writePeople}
     * @return rows written
     */
    long writeTeams(UUID orgId, String generation, ChangeFeedPage<Team> page) {
        long rows = 0;
        Instant now = Instant.now();
        try (SinkSession session = sink.open(page.version(), orgId + "/teams" + generation);
                TableBatcher teams = session.batcher(TEAMS)) {
            for (Team team : page.changed()) {
                teams.row().uuid(orgId).string(team.id().toString()).string(team.key()).string(team.name())
                        .stringArray(team.members().stream().map(UUID::toString).toList())
                        .stringArray(team.repositoryPatterns()).stringArray(team.jiraProjectKeys())
                        .dateTime64Millis(millis(team.updatedAt(), now)).uint8(0).uint64(team.version());
                teams.endRow(key(team.id()), versionBytes(team.version()));
                rows++;
            }
            for (Deletion deletion : page.deleted()) {
                teams.row().uuid(orgId).string(deletion.id().toString()).string("").string("")
                        .stringArray(List.of()).stringArray(List.of()).stringArray(List.of())
                        .dateTime64Millis(now.toEpochMilli()).uint8(1).uint64(deletion.version());
                teams.endRow(key(deletion.id()), versionBytes(deletion.version()));
                rows++;
            }
            teams.close();
            session.finish();
        }
        return rows;
    }

    /**
     * Writes one page of the incident link correction feed ({@code incident_link_corrections}, ClickHouse V10).
     *
     * @param generation as for {@link #writePeople}
     * @return rows written
     */
    long writeCorrections(UUID orgId, String generation, ChangeFeedPage<Correction> page) {
        long rows = 0;
        try (SinkSession session = sink.open(page.version(), orgId + "/incident-link-corrections" + generation);
                TableBatcher corrections = session.batcher(INCIDENT_LINK_CORRECTIONS)) {
            for (Correction correction : page.changed()) {
                corrections.row().uuid(orgId).uuid(correction.id()).string(correction.provider())
                        .string(correction.incidentId()).nullableUuid(correction.repoId())
                        .string(correction.deploymentId() == null ? "" : correction.deploymentId()).uint8(0)
                        .uint64(correction.version());
                corrections.endRow(key(correction.id()), versionBytes(correction.version()));
                rows++;
            }
            for (Deletion deletion : page.deleted()) {
                corrections.row().uuid(orgId).uuid(deletion.id()).string("").string("").nullableUuid(null)
                        .string("").uint8(1).uint64(deletion.version());
                corrections.endRow(key(deletion.id()), versionBytes(deletion.version()));
                rows++;
            }
            corrections.close();
            session.finish();
        }
        return rows;
    }

    /**
     * A person's live identity rows outrank tombstones of the same feed version: a merge gives an identity to the
     * kept person and deletes the other in one change, and the two may arrive on different pages.
     */
    static long liveIdentityVersion(long feedVersion) {
        return feedVersion * 2 + 1;
    }

    private static long tombstone(TableBatcher identities, UUID orgId, IdentityKey key, UUID personId,
            long feedVersion) {
        identities.row().uuid(orgId).string(key.provider()).string(key.externalId()).uuid(personId).string("")
                .string("").uint8(1).uint64(feedVersion * 2);
        identities.endRow(identityKey(key), versionBytes(feedVersion * 2));
        return 1;
    }

    /** The identity keys ClickHouse holds for these people now. */
    private Map<UUID, List<IdentityKey>> copiedIdentities(UUID orgId, Set<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        String ids = personIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "[", "]"));
        Map<UUID, List<IdentityKey>> byPerson = new HashMap<>();
        for (GenericRecord row : cursors.query("""
                SELECT person_id, provider, external_id FROM person_identities FINAL
                WHERE org_id = {org:UUID} AND person_id IN {ids:Array(UUID)}""",
                Map.of("org", orgId.toString(), "ids", ids))) {
            byPerson.computeIfAbsent(row.getUUID("person_id"), id -> new ArrayList<>())
                    .add(new IdentityKey(row.getString("provider"), row.getString("external_id")));
        }
        return byPerson;
    }

    private static long millis(Instant instant, Instant absent) {
        return (instant == null ? absent : instant).toEpochMilli();
    }

    private static byte[] key(UUID id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] identityKey(IdentityKey key) {
        return (key.provider() + "\0" + key.externalId()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] versionBytes(long version) {
        return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
    }
}
