package io.devhealth.sync.dora;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.dora.IncidentLinker.Correction;
import io.devhealth.sync.dora.IncidentLinker.Deployment;
import io.devhealth.sync.dora.IncidentLinker.Incident;
import io.devhealth.sync.dora.IncidentLinker.Link;
import io.devhealth.sync.dora.IncidentLinker.ShippedChange;

/**
 * Incident → deployment links on hand-built timelines: explicit references before time, ties, incidents before any
 * deployment, incidents of one service never blamed on another's deployment, remediation windows, corrections.
 */
class IncidentLinkerTests {

    private static final UUID API = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID WEB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final String SHA_API2 = "3f786850e387550fdab836ed7e6dc881de23001b";

    private final List<Deployment> deployments = new ArrayList<>(List.of(
            deployment(API, "api-1", "production", "2026-03-01T10:00:00Z", "a".repeat(40)),
            deployment(API, "api-2", "production", "2026-03-02T10:00:00Z", SHA_API2),
            deployment(API, "api-stage", "staging", "2026-03-02T11:00:00Z", "c".repeat(40)),
            deployment(API, "api-3", "production", "2026-03-03T10:00:00Z", "d".repeat(40)),
            deployment(WEB, "web-1", "production", "2026-03-02T12:00:00Z", "e".repeat(40))));

    @Test
    void theLastProductionDeploymentOfTheIncidentsOwnRepositoryBeforeItCausedIt() {
        // web-1 finished later than api-2 and before the incident, but the incident belongs to the api service
        Link link = link(incident("i1", Set.of(API), "", "Checkout errors", "2026-03-02T13:00:00Z",
                "2026-03-02T15:00:00Z"));
        assertThat(link.deployment().id()).isEqualTo("api-2");
        assertThat(link.method()).isEqualTo(IncidentLinker.LAST_PRODUCTION_DEPLOYMENT);
        // api-3 finished after the resolution: not a remediation; recovery is the resolution
        assertThat(link.remediation()).isEmpty();
        assertThat(link.recoveredAt()).isEqualTo(ms("2026-03-02T15:00:00Z"));
        assertThat(link(incident("w1", Set.of(WEB), "", "", "2026-03-02T13:00:00Z", null)).deployment().id())
                .isEqualTo("web-1");
    }

    @Test
    void aDeploymentFinishedInTheIncidentsMillisecondCountsAsBeforeIt() {
        assertThat(link(incident("i1", Set.of(API), "", "", "2026-03-02T10:00:00Z", null)).deployment().id())
                .isEqualTo("api-2");
    }

    @Test
    void twoDeploymentsFinishedTogetherResolveTheSameWayOnEveryRun() {
        deployments.add(deployment(API, "api-2b", "production", "2026-03-02T10:00:00Z", "f".repeat(40)));
        Incident incident = incident("i1", Set.of(API), "", "", "2026-03-02T12:00:00Z", null);
        assertThat(link(incident).deployment().id()).isEqualTo("api-2b");
        java.util.Collections.reverse(deployments);
        assertThat(link(incident).deployment().id()).isEqualTo("api-2b");
    }

    @Test
    void anIncidentBeforeAnyDeploymentOrWithoutARepositoryStaysUnlinkedWithAReason() {
        Link early = link(incident("i0", Set.of(API), "", "", "2026-02-28T10:00:00Z", null));
        assertThat(early.deployment()).isNull();
        assertThat(early.method()).isEqualTo(IncidentLinker.NONE);
        assertThat(early.reason()).isEqualTo("no-earlier-deployment");
        Link orphan = link(incident("j1", Set.of(), "", "Login slow", "2026-03-02T13:00:00Z", null));
        assertThat(orphan.deployment()).isNull();
        assertThat(orphan.reason()).isEqualTo("no-repository");
    }

    @Test
    void theNextDeploymentMadeWhileTheIncidentWasOpenRemediatesIt() {
        Link link = link(incident("i1", Set.of(API), "", "", "2026-03-02T13:00:00Z", "2026-03-04T00:00:00Z"));
        assertThat(link.deployment().id()).isEqualTo("api-2");
        assertThat(link.remediation()).isEqualTo("api-3"); // not api-stage: another environment
        assertThat(link.recoveredAt()).isEqualTo(ms("2026-03-03T10:00:00Z"));
        Link open = link(incident("i2", Set.of(API), "", "", "2026-03-02T13:00:00Z", null));
        assertThat(open.remediation()).isEqualTo("api-3");
        assertThat(open.recoveredAt()).isEqualTo(ms("2026-03-03T10:00:00Z"));
    }

    @Test
    void explicitReferencesWinOverTime() {
        Link byField = link(incident("i1", Set.of(API), "api-1", "", "2026-03-02T13:00:00Z", null));
        assertThat(byField.deployment().id()).isEqualTo("api-1");
        assertThat(byField.method()).isEqualTo(IncidentLinker.EXPLICIT_DEPLOYMENT);

        deployments.add(deployment(API, "1842", "production", "2026-03-01T12:00:00Z", "0".repeat(40)));
        Link byText = link(incident("i2", Set.of(API), "", "Errors since deployment #1842", "2026-03-02T13:00:00Z",
                null));
        assertThat(byText.deployment().id()).isEqualTo("1842");

        Link byCommit = link(incident("i3", Set.of(), "", "Regression from " + SHA_API2.substring(0, 9),
                "2026-03-03T13:00:00Z", null));
        assertThat(byCommit.deployment().id()).isEqualTo("api-2");
        assertThat(byCommit.method()).isEqualTo(IncidentLinker.EXPLICIT_COMMIT);

        List<ShippedChange> changes = List.of(new ShippedChange(API, "9".repeat(40), 77L, "api-1"));
        Link byRequest = new IncidentLinker(deployments, changes).link(List.of(incident("i4", Set.of(API), "",
                "Broken by PR #77", "2026-03-03T13:00:00Z", null)), Map.of()).getFirst();
        assertThat(byRequest.deployment().id()).isEqualTo("api-1");
        assertThat(byRequest.method()).isEqualTo(IncidentLinker.EXPLICIT_PULL_REQUEST);

        // a referenced deployment of another service is out of the incident's scope: time decides
        Link outOfScope = link(incident("i5", Set.of(WEB), "api-1", "", "2026-03-03T13:00:00Z", null));
        assertThat(outOfScope.deployment().id()).isEqualTo("web-1");
    }

    @Test
    void aCorrectionWinsAndMaySayNoDeploymentCausedIt() {
        Incident incident = incident("i1", Set.of(API), "", "", "2026-03-02T13:00:00Z", null);
        IncidentLinker linker = new IncidentLinker(deployments, List.of());
        Link manual = linker.link(List.of(incident), Map.of(IncidentLinker.incidentKey("pagerduty", "i1"),
                new Correction(WEB, "web-1"))).getFirst();
        assertThat(manual.deployment().id()).isEqualTo("web-1");
        assertThat(manual.method()).isEqualTo(IncidentLinker.MANUAL);
        Link none = linker.link(List.of(incident), Map.of(IncidentLinker.incidentKey("pagerduty", "i1"),
                new Correction(null, null))).getFirst();
        assertThat(none.deployment()).isNull();
        assertThat(none.reason()).isEqualTo("corrected-to-none");
        Link unknown = linker.link(List.of(incident), Map.of(IncidentLinker.incidentKey("pagerduty", "i1"),
                new Correction(API, "gone"))).getFirst();
        assertThat(unknown.reason()).isEqualTo("corrected-deployment-unknown");
    }

    @Test
    void referencesAreReadConservatively() {
        IncidentReferences refs = IncidentReferences.in("Deployment 1842 of 3f786850e38 broke checkout, see PR #12,"
                + " https://gitlab.example/acme/api/-/merge_requests/7 and !9; issue #5 and the word deadbeefcafe");
        assertThat(refs.deploymentIds()).containsExactly("1842");
        assertThat(refs.commits()).containsExactly("3f786850e38");
        assertThat(refs.pullRequests()).containsExactlyInAnyOrder(12L, 7L, 9L);
        assertThat(IncidentReferences.in("Database failover at 10:32").isEmpty()).isTrue();
        assertThat(IncidentReferences.in(null).isEmpty()).isTrue();
    }

    private Link link(Incident incident) {
        return new IncidentLinker(deployments, List.of()).link(List.of(incident), Map.of()).getFirst();
    }

    private static Deployment deployment(UUID repo, String id, String environment, String finished, String sha) {
        return new Deployment(repo, id, environment, environment.equals("production"), sha, ms(finished));
    }

    private static Incident incident(String id, Set<UUID> repos, String deploymentId, String title, String created,
            String resolved) {
        return new Incident("pagerduty", id, repos, deploymentId, IncidentReferences.in(title), ms(created),
                resolved == null ? null : ms(resolved));
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
