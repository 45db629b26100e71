package io.devhealth.sync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.testengines.ServiceProcess;
import io.devhealth.sync.process.SyncServiceProcess;

/**
 * The promise of the people refresh: a mapping changed in identity-service reaches ClickHouse within a minute, by the
 * packaged sync-service's scheduler alone at production's interval ({@code devhealth.people.refresh-interval} of
 * application.properties, read from there; the JVM tests switch the scheduler off and refresh explicitly).
 */
class PeopleRefreshScheduleIT {

    private static final Duration PROMISE = Duration.ofMinutes(1);
    private static final String PRODUCTION_INTERVAL = productionInterval();

    private final Map<String, String> identity = Replicas.identity();
    private final IdentityFixture fixture = new IdentityFixture(identity);

    @Test
    void aMappingChangeReachesClickHouseWithinAMinute() {
        String database = Replicas.clickhouseDatabase();
        String admin = fixture.adminToken();
        Org org = fixture.createOrg(admin, "scheduled-people");
        String people = "/api/v1/identity/orgs/" + org.slug() + "/people";
        String ada = (String) fixture.post(people, admin, Map.of("displayName", "Ada", "identities",
                List.of(Map.of("provider", "git", "externalId", "ada@acme.io")))).require(201).get("id");
        try (ServiceProcess replica = SyncServiceProcess.start(identity, database, "people-refresh",
                Map.of("DEVHEALTH_PEOPLE_REFRESH_INTERVAL", PRODUCTION_INTERVAL))) {
            awaitIdentity(database, org, "git/ada@acme.io", ada, replica);

            Instant changed = Instant.now();
            fixture.post(people + "/" + ada + "/identities", admin, Map.of("provider", "github", "externalId", "Ada-L"))
                    .require(201);
            awaitIdentity(database, org, "github/ada-l", ada, replica);

            assertThat(Duration.between(changed, Instant.now())).isLessThan(PROMISE);
        }
    }

    /** {@code devhealth.people.refresh-interval} of the packaged application.properties (its default profile). */
    private static String productionInterval() {
        Properties properties = new Properties();
        try (InputStream in = PeopleRefreshScheduleIT.class.getResourceAsStream("/application.properties")) {
            properties.load(Objects.requireNonNull(in, "application.properties on the class path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Objects.requireNonNull(properties.getProperty("devhealth.people.refresh-interval"),
                "devhealth.people.refresh-interval in application.properties");
    }

    /** Waits (at most a minute) until ClickHouse resolves {@code provider/externalId} to the person. */
    private static void awaitIdentity(String database, Org org, String identity, String personId,
            ServiceProcess replica) {
        String[] key = identity.split("/", 2);
        Replicas.await(identity + " resolved to " + personId + " in ClickHouse", PROMISE, () -> {
            List<String> found = Replicas.lines(database, """
                    SELECT toString(person_id) FROM person_identities FINAL
                    WHERE org_id = {org:UUID} AND provider = {provider:String} AND external_id = {id:String}""",
                    Map.of("org", org.id().toString(), "provider", key[0], "id", key[1]));
            return found.equals(List.of(personId)) ? Boolean.TRUE : null;
        }, replica);
    }
}
