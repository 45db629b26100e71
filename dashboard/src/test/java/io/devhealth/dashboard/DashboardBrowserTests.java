package io.devhealth.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.testengines.Scripts;

/**
 * The dashboard in headless Chromium against the real services behind the nginx gateway ({@link DashboardStack}),
 * on the {@link SeededDataset}: every number a view shows is compared with what the API answers for the same
 * organization, filters and window. Screenshots of the main views go to {@code docs/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

    private static final String ORG = "acme";
    private static final String OTHER_ORG = "globex";
    /** The organization that syncs this project's own repository. */
    private static final String REAL_ORG = "devhealth";
    private static final String VIEWER_EMAIL = "vera@acme.test";
    private static final String VIEWER_PASSWORD = "viewer-password-1";
    private static final String PROMOTED_EMAIL = "max@acme.test";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private DashboardStack stack;
    private String adminToken;
    private ChromeDriver browser;

    @BeforeAll
    void stackWithDataset() {
        stack = DashboardStack.get();
        String token = stack.token(stack.adminEmail(), stack.adminPassword());
        stack.call("POST", "/api/v1/identity/orgs", token, Map.of("slug", ORG, "name", "Acme"));
        stack.call("POST", "/api/v1/identity/orgs", token, Map.of("slug", OTHER_ORG, "name", "Globex"));
        stack.call("POST", "/api/v1/identity/users", token,
                Map.of("email", VIEWER_EMAIL, "displayName", "Vera Viewer", "password", VIEWER_PASSWORD));
        stack.call("POST", "/api/v1/identity/orgs/" + ORG + "/members", token, Map.of("email", VIEWER_EMAIL, "role", "viewer"));
        stack.call("POST", "/api/v1/identity/users", token,
                Map.of("email", PROMOTED_EMAIL, "displayName", "Max Member", "password", "member-password-1"));
        stack.call("POST", "/api/v1/identity/orgs/" + ORG + "/members", token, Map.of("email", PROMOTED_EMAIL, "role", "viewer"));
        adminToken = stack.token(stack.adminEmail(), stack.adminPassword());
        UUID orgId = UUID.fromString(stack.get("/api/v1/identity/orgs/" + ORG, adminToken).path("id").asText());
        SeededDataset.seed(stack.clickhouse(), stack.clickhouseDatabase(), orgId);
        browser = Browser.open(1280, 900);
        signIn(browser, stack.adminEmail(), stack.adminPassword());
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGatewayServesTheAppAtEveryPathAndKeepsTheApiRoutes() {
        HttpResponse<String> deepLink = stack.fetch("/some/deep/link");
        assertThat(deepLink.statusCode()).isEqualTo(200);
        assertThat(deepLink.body()).contains("<div id=\"app\"");
        HttpResponse<String> internal = stack.fetch("/q/health");
        assertThat(internal.statusCode()).isEqualTo(404);
        assertThat(internal.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(stack.fetch("/api/v1/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void overviewShowsTheFiveDoraMetricsOfTheApi() {
        open(browser, "overview", window());
        JsonNode dora = stack.get("/api/v1/analytics/orgs/" + ORG + "/dora?levels=2024&" + windowQuery(), adminToken);

        assertThat(dora.path("deploymentFrequency").path("deployments").asLong()).isPositive();
        assertThat(dora.at("/changeFailRate/failedDeployments").asLong()).isPositive();
        assertThat(dora.at("/deploymentReworkRate/reworkDeployments").asLong()).isPositive();
        assertThat(text("[data-value='deployment-frequency']")).isEqualTo(fmt(dora.at("/deploymentFrequency/perWeek")));
        assertThat(level("deployment-frequency")).isEqualTo(dora.at("/deploymentFrequency/level").asText());
        assertThat(text("[data-value='change-lead-time']")).isEqualTo(fmt(dora.at("/changeLeadTime/medianHours")));
        assertThat(level("change-lead-time")).isEqualTo(dora.at("/changeLeadTime/level").asText());
        assertThat(text("[data-value='change-fail-rate']")).isEqualTo(percent(dora.at("/changeFailRate/rate")));
        assertThat(text("[data-value='recovery-time']")).isEqualTo(fmt(dora.at("/failedDeploymentRecoveryTime/medianHours")));
        assertThat(text("[data-value='rework-rate']")).isEqualTo(percent(dora.at("/deploymentReworkRate/rate")));
        // The timeline holds every deployment of the window (production and staging), as its table shows.
        long deployments = stack.get("/api/v1/analytics/orgs/" + ORG + "/deployments?limit=200&" + windowQuery(), adminToken)
                .path("items").size();
        assertThat(tableRows("timeline")).hasSize((int) deployments);
        assertThat(browser.executeScript("return performance.getEntriesByName('devhealth:overview-charts-drawn').length"))
                .isEqualTo(1L);
        assertThat(browser.findElements(By.cssSelector("[data-canvas='timeline'] svg"))).isNotEmpty();
        // Git activity per day, summed over the repositories: the days and commits of the API.
        assertThat(tableColumn("activity", 1).stream().mapToLong(Long::parseLong).sum()).isEqualTo(apiCommits(windowQuery()));
        assertThat(tableRows("activity")).hasSize(windowDays());
        screenshot(browser, "overview-dora");
    }

    @Test
    void deliveryFiltersChangeTheUrlAndTheNumbers() {
        open(browser, "delivery", window());
        JsonNode all = stack.get("/api/v1/analytics/orgs/" + ORG + "/dora?levels=2024&" + windowQuery(), adminToken);
        assertThat(text("[data-value='deployments']")).isEqualTo(all.at("/deploymentFrequency/deployments").asText());
        assertThat(tableColumn("deployments-weekly", 1)).containsExactlyElementsOf(
                values(all.path("weekly"), "deployments"));
        screenshot(browser, "delivery");

        new Select(browser.findElement(By.id("repo"))).selectByValue(SeededDataset.WEB_REPO);
        submitFilters("delivery");

        assertThat(browser.getCurrentUrl()).contains("repo=" + URLEncoder.encode(SeededDataset.WEB_REPO, StandardCharsets.UTF_8));
        JsonNode web = stack.get("/api/v1/analytics/orgs/" + ORG + "/dora?levels=2024&repo=acme/web&" + windowQuery(), adminToken);
        assertThat(web.at("/deploymentFrequency/deployments").asLong())
                .isLessThan(all.at("/deploymentFrequency/deployments").asLong());
        assertThat(text("[data-value='deployments']")).isEqualTo(web.at("/deploymentFrequency/deployments").asText());
        assertThat(tableColumn("deployments-weekly", 1)).containsExactlyElementsOf(values(web.path("weekly"), "deployments"));

        // A narrower window (a deep link) changes the numbers again.
        open(browser, "delivery", Map.of("from", "2026-10-19", "to", "2026-11-01", "team", SeededDataset.WEB_TEAM));
        JsonNode team = stack.get("/api/v1/analytics/orgs/" + ORG + "/dora?levels=2024&team=web&from=2026-10-19&to=2026-11-01",
                adminToken);
        assertThat(browser.findElement(By.id("team")).getAttribute("value")).isEqualTo(SeededDataset.WEB_TEAM);
        assertThat(text("[data-value='deployments']")).isEqualTo(team.at("/deploymentFrequency/deployments").asText());
    }

    @Test
    void repositoriesShowTheDailyActivityOfTheApi() {
        open(browser, "repositories", window());
        JsonNode daily = stack.get("/api/v1/analytics/orgs/" + ORG + "/metrics/repos/daily?" + windowQuery(), adminToken);
        long commits = 0;
        for (JsonNode row : daily.path("items")) {
            commits += row.path("commits").asLong();
        }
        assertThat(commits).isPositive();
        assertThat(text("[data-value='commits-total']")).isEqualTo(Long.toString(commits));
        assertThat(tableRows("commits-daily")).hasSize(SeededDataset.FROM.datesUntil(SeededDataset.TO.plusDays(1)).toList().size());
        screenshot(browser, "repositories");

        new Select(browser.findElement(By.id("repo"))).selectByValue(SeededDataset.API_REPO);
        submitFilters("repositories");
        JsonNode api = stack.get("/api/v1/analytics/orgs/" + ORG + "/metrics/repos/daily?repo=acme/api&" + windowQuery(), adminToken);
        long apiCommits = 0;
        for (JsonNode row : api.path("items")) {
            apiCommits += row.path("commits").asLong();
        }
        assertThat(apiCommits).isLessThan(commits);
        assertThat(text("[data-value='commits-total']")).isEqualTo(Long.toString(apiCommits));
    }

    @Test
    void pullRequestsFlowAndCodeShowTheApiOrSayWhyNot() {
        open(browser, "pull-requests", window());
        JsonNode cycle = stack.get("/api/v1/analytics/orgs/" + ORG + "/pull-requests/cycle-time?period=week&" + windowQuery(), adminToken);
        assertThat(cycle.at("/overall/mergedPullRequests").asLong()).isPositive();
        assertThat(text("[data-value='merged']")).isEqualTo(cycle.at("/overall/mergedPullRequests").asText());
        for (String stage : List.of("coding", "pickup", "review", "deploy")) {
            assertThat(cycle.at("/overall/" + stage + "/samples").asLong()).as(stage).isPositive();
            assertThat(text("[data-value='" + stage + "-p50']")).as(stage).isEqualTo(fmt(cycle.at("/overall/" + stage + "/p50Hours")));
        }
        assertThat(tableColumn("cycle-time-stages", 0)).containsExactlyElementsOf(values(cycle.path("byPeriod"), "start"));
        assertThat(tableColumn("cycle-time-stages", 1)).containsExactlyElementsOf(
                cycle.path("byPeriod").findValues("mergedPullRequests").stream().map(JsonNode::asText).toList());
        // Review load: reviews per person over the window, most first (names; unmapped identities by their key).
        JsonNode users = stack.get("/api/v1/analytics/orgs/" + ORG + "/metrics/users/daily?limit=200&" + windowQuery(), adminToken);
        assertThat(users.path("nextCursor").isNull()).isTrue();
        Map<String, Long> reviews = new java.util.HashMap<>();
        users.path("items").forEach(row -> reviews.merge(row.path("displayName").asText().isEmpty()
                ? row.path("identityKey").asText() : row.path("displayName").asText(), row.path("reviewsGiven").asLong(), Long::sum));
        List<Map.Entry<String, Long>> ranked = reviews.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).toList();
        assertThat(ranked).hasSizeGreaterThan(1);
        assertThat(tableColumn("review-load", 0)).containsExactlyElementsOf(ranked.stream().map(Map.Entry::getKey).toList());
        assertThat(tableColumn("review-load", 1)).containsExactlyElementsOf(ranked.stream().map(e -> e.getValue().toString()).toList());
        screenshot(browser, "pull-requests");

        open(browser, "flow", window());
        JsonNode flow = stack.get("/api/v1/analytics/orgs/" + ORG + "/work-items/flow?period=week&" + windowQuery(), adminToken);
        assertThat(flow.path("throughput").asLong()).isPositive();
        assertThat(text("[data-value='throughput']")).isEqualTo(flow.path("throughput").asText());
        assertThat(text("[data-value='wip']")).isEqualTo(flow.path("wip").asText());
        assertThat(text("[data-value='cycle-time-p50']")).isEqualTo(fmt(flow.at("/cycleTime/p50Hours")));
        assertThat(tableColumn("throughput", 1)).containsExactlyElementsOf(values(flow.path("series"), "throughput"));
        assertThat(tableRows("cycle-time-scatter")).hasSize(flow.at("/cycleTime/items").asInt());
        JsonNode investment = stack.get("/api/v1/analytics/orgs/" + ORG + "/investment?period=week&group=label&" + windowQuery(), adminToken);
        assertThat(tableColumn("investment", 0)).containsAll(values(investment.at("/tree/children"), "name"));
        List<JsonNode> statuses = new java.util.ArrayList<>();
        flow.path("timeInStatus").forEach(category -> category.path("statuses").forEach(statuses::add));
        assertThat(statuses).extracting(status -> status.path("status").asText()).contains("In Progress", "In Review");
        assertThat(tableColumn("time-in-status", 1)).containsExactlyElementsOf(statuses.stream().map(st -> st.path("status").asText()).toList());
        assertThat(tableColumn("time-in-status", 4)).containsExactlyElementsOf(statuses.stream().map(st -> fmt(st.path("p50Hours"))).toList());
        screenshot(browser, "flow");

        open(browser, "code", window());
        assertThat(browser.findElements(By.cssSelector("[data-canvas='activity-heatmap'] svg"))).isNotEmpty();
        assertThat(tableRows("activity-heatmap")).hasSize(windowDays());
        assertThat(tableColumn("activity-heatmap", 1).stream().mapToLong(Long::parseLong).sum()).isEqualTo(apiCommits(windowQuery()));
        JsonNode busFactor = stack.get("/api/v1/analytics/orgs/" + ORG + "/code/bus-factor?" + windowQuery(), adminToken);
        assertThat(busFactor.path("repos")).isNotEmpty();
        assertThat(tableColumn("bus-factor", 0)).containsExactlyElementsOf(values(busFactor.path("repos"), "repo"));
        assertThat(tableColumn("bus-factor", 1)).containsExactlyElementsOf(values(busFactor.path("repos"), "busFactor"));
        JsonNode hotspots = stack.get("/api/v1/analytics/orgs/" + ORG + "/code/hotspots?limit=25&" + windowQuery(), adminToken);
        assertThat(hotspots.path("items")).isNotEmpty();
        assertThat(tableColumn("hotspots", 1)).containsExactlyElementsOf(values(hotspots.path("items"), "path"));
        assertThat(tableColumn("hotspots", 5)).containsExactlyElementsOf(values(hotspots.path("items"), "score"));
        screenshot(browser, "code");
    }

    @Test
    void switchingTheOrganizationChangesTheUrlAndTheData() {
        open(browser, "repositories", window());
        assertThat(text("[data-value='commits-total']")).isNotEqualTo("0");
        browser.executeScript("delete document.body.dataset.rendered");
        new Select(browser.findElement(By.id("org"))).selectByValue(OTHER_ORG);
        awaitRendered(browser, "repositories");
        assertThat(browser.getCurrentUrl()).contains("org=" + OTHER_ORG).contains("from=" + SeededDataset.FROM);
        // Globex has synced nothing: the charts say so instead of drawing zeros.
        assertThat(text("[data-empty='commits-daily']")).contains("No repository has been synced yet");
    }

    @Test
    void everyChartOffersItsNumbersAsATableAndCsv() {
        open(browser, "repositories", window());
        WebElement toggle = browser.findElement(By.cssSelector("[data-toggle='authors-daily']"));
        assertThat(browser.findElement(By.cssSelector("[data-table='authors-daily']")).isDisplayed()).isFalse();
        // Keyboard: the toggle is a real button, reached and pressed without a mouse.
        toggle.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("[data-table='authors-daily']")).isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector("[data-csv]"))).hasSize(3);
    }

    @Test
    void everyControlHasALabel() {
        for (String view : List.of("overview", "delivery", "admin")) {
            open(browser, view, window());
            Object unlabelled = browser.executeScript("return [...document.querySelectorAll('input, select, button')]"
                    + ".filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))"
                    + ".map(e => e.outerHTML)");
            assertThat((List<?>) unlabelled).as(view).isEmpty();
        }
    }

    @Test
    void anAdminSeesAdminActions() {
        open(browser, "admin", window());
        assertThat(browser.findElements(By.cssSelector("[data-nav='admin']"))).hasSize(1);
        List<WebElement> roles = browser.findElements(By.cssSelector("[data-action='member-role']"));
        assertThat(roles).hasSize(stack.get("/api/v1/identity/orgs/" + ORG + "/members?limit=200", adminToken).path("items").size());
        assertThat(browser.findElements(By.cssSelector("form[data-action]"))).hasSize(3);
        screenshot(browser, "admin");
    }

    @Test
    void anAdminChangesARoleAddsACredentialASettingAndATeamAndAcceptsASuggestionByClicking() {
        // A role, in Acme: chosen from the member's select, saved at once.
        open(browser, "admin", window());
        new Select(browser.findElement(By.cssSelector("[data-action='member-role'][data-member='" + PROMOTED_EMAIL + "']")))
                .selectByValue("member");
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("admin-status")).getText().contains("is now member"));
        assertThat(memberRole(ORG, PROMOTED_EMAIL)).isEqualTo("member");

        // A credential, a setting, a team and an identity-mapping suggestion, in Globex (nothing else reads them there).
        String globex = stack.get("/api/v1/identity/orgs/" + OTHER_ORG, adminToken).path("id").asText();
        stack.callIdentityAsSyncService("POST", "/internal/v1/orgs/" + globex + "/observed-identities", Map.of("identities", List.of(
                Map.of("provider", "git", "externalId", "lin@globex.test", "name", "Lin Chen"),
                Map.of("provider", "github", "externalId", "linchen", "email", "lin@globex.test"))));
        open(browser, "admin", OTHER_ORG, window());
        assertThat(tableColumn("suggestions", 0)).containsExactly("git:lin@globex.test, github:linchen");
        browser.findElement(By.cssSelector("[data-action='suggestion-accept']")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("admin-status")).getText().equals("Suggestion accepted."));
        assertThat(stack.get("/api/v1/identity/orgs/" + OTHER_ORG + "/people/suggestions", adminToken).path("items")).isEmpty();
        JsonNode person = stack.get("/api/v1/identity/orgs/" + OTHER_ORG + "/people", adminToken).path("items").get(0);
        assertThat(values(person.path("identities"), "externalId")).containsExactlyInAnyOrder("lin@globex.test", "linchen");

        String secret = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        new Select(browser.findElement(By.id("add-credential-provider"))).selectByValue("github");
        browser.findElement(By.id("add-credential-name")).sendKeys("ci-bot");
        browser.findElement(By.id("add-credential-baseUrl")).sendKeys("https://api.github.com");
        browser.findElement(By.id("add-credential-secret")).sendKeys(secret);
        submitAndAwait("add-credential");
        JsonNode credential = stack.get("/api/v1/identity/orgs/" + OTHER_ORG + "/credentials", adminToken).path("items").get(0);
        assertThat(credential.path("name").asText()).isEqualTo("ci-bot");
        assertThat(text("#admin-status")).contains("ci-bot").contains(credential.path("secretFingerprint").asText());
        assertThat(tableColumn("credentials", 0)).containsExactly("ci-bot");
        assertThat(tableColumn("credentials", 2)).containsExactly("baseUrl: https://api.github.com");
        assertThat(tableColumn("credentials", 3)).containsExactly(credential.path("secretFingerprint").asText());
        assertThat(browser.getPageSource()).doesNotContain(secret);

        new Select(browser.findElement(By.id("edit-setting-key"))).selectByValue("incidents.rules");
        browser.findElement(By.id("edit-setting-value")).sendKeys("{\"issueLabels\": [\"incident\", \"sev1\"]}");
        submitAndAwait("edit-setting");
        JsonNode rules = stack.get("/api/v1/identity/orgs/" + OTHER_ORG + "/settings/incidents.rules", adminToken);
        assertThat(rules.path("default").asBoolean()).isFalse();
        assertThat(texts(rules.at("/value/issueLabels"))).containsExactly("incident", "sev1");

        // Bad input: the API's problem detail is shown and nothing changes.
        browser.findElement(By.id("edit-setting-value")).sendKeys("not json");
        browser.findElement(By.cssSelector("#edit-setting button[type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("admin-status")).getText().contains("not JSON"));

        browser.findElement(By.id("add-team-key")).sendKeys("platform");
        browser.findElement(By.id("add-team-name")).sendKeys("Platform");
        browser.findElement(By.id("add-team-repositoryPatterns")).sendKeys("globex/infra-*, globex/deploy");
        submitAndAwait("add-team");
        JsonNode team = stack.get("/api/v1/identity/orgs/" + OTHER_ORG + "/teams", adminToken).path("items").get(0);
        assertThat(team.path("key").asText()).isEqualTo("platform");
        assertThat(texts(team.path("repositoryPatterns"))).containsExactly("globex/infra-*", "globex/deploy");
        assertThat(tableColumn("teams", 0)).containsExactly("platform");
        assertThat(tableColumn("teams", 3)).containsExactly("globex/infra-*, globex/deploy");
    }

    @Test
    void syncsShowEachRunWithItsRateLimitWaitsAndFailureReason() {
        // Two finished runs of a configuration that never runs by itself, left as sync-service leaves them.
        stack.call("PUT", "/api/v1/identity/orgs/" + ORG + "/settings/repositories.local-roots", adminToken,
                Map.of("value", List.of(stack.localRoot().toString())));
        String configuration = stack.call("POST", "/api/v1/identity/orgs/" + ORG + "/sync-configurations", adminToken,
                Map.of("name", "acme-api", "provider", "git", "enabled", false,
                        "options", Map.of("repositoryPath", stack.localRoot().resolve("acme-api.git").toString()))).path("id").asText();
        finishedRun(configuration, "succeeded", Map.of("commits", 120, "rateLimitWaits", 2, "rateLimitWaitSeconds", 95), null);
        finishedRun(configuration, "failed", Map.of("rateLimitWaits", 0), "git: repository not found at the configured path");

        open(browser, "syncs", window());
        assertThat(tableColumn("sync-configurations", 0)).contains("acme-api");
        List<String> statuses = tableColumn("sync-runs", 2);
        List<String> waits = tableColumn("sync-runs", 5);
        List<String> reasons = tableColumn("sync-runs", 6);
        assertThat(waits.get(statuses.indexOf("succeeded"))).isEqualTo("2 (1 min 35 s)");
        assertThat(waits.get(statuses.indexOf("failed"))).isEqualTo("none");
        assertThat(reasons.get(statuses.indexOf("failed"))).isEqualTo("git: repository not found at the configured path");
        screenshot(browser, "syncs");
    }

    @Test
    void aRealRepositorySyncedByGitShowsItsHistory() throws Exception {
        // This project's own history (the clone the build runs in), synced by sync-service's git sync end to end.
        Path repository = stack.localRoot().resolve("devhealth-" + UUID.randomUUID() + ".git");
        git(null, "clone", "--bare", "--single-branch", "-q", Scripts.repoRoot().toString(), repository.toString());
        long commits = Long.parseLong(git(repository, "rev-list", "--count", "HEAD").strip());
        List<java.time.LocalDate> days = git(repository, "log", "--format=%ad%n%cd", "--date=format-local:%Y-%m-%d").lines()
                .map(java.time.LocalDate::parse).sorted().toList();
        Map<String, String> history = Map.of("from", days.getFirst().toString(), "to", days.getLast().toString());

        String token = stack.token(stack.adminEmail(), stack.adminPassword());
        stack.call("POST", "/api/v1/identity/orgs", token, Map.of("slug", REAL_ORG, "name", "DevHealth"));
        stack.call("PUT", "/api/v1/identity/orgs/" + REAL_ORG + "/settings/repositories.local-roots", token,
                Map.of("value", List.of(stack.localRoot().toString())));
        String configuration = stack.call("POST", "/api/v1/identity/orgs/" + REAL_ORG + "/sync-configurations", token,
                Map.of("name", "devhealth", "provider", "git", "options", Map.of("repositoryPath", repository.toString())))
                .path("id").asText();
        stack.call("POST", "/api/v1/sync/orgs/" + REAL_ORG + "/configurations/" + configuration + "/runs", token, null);
        JsonNode run = awaitFinishedRun(REAL_ORG, configuration, token);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        String query = query(history);
        assertThat(apiCommits(REAL_ORG, query, token)).isEqualTo(commits);

        open(browser, "overview", REAL_ORG, history);
        assertThat(tableColumn("activity", 1).stream().mapToLong(Long::parseLong).sum()).isEqualTo(commits);
        // No deployments are synced from plain git: the DORA cards say why instead of showing zeros.
        assertThat(text("[data-empty='change-lead-time']")).isNotBlank();
        open(browser, "code", REAL_ORG, history);
        assertThat(tableRows("hotspots")).isNotEmpty();
        assertThat(tableColumn("activity-heatmap", 1).stream().mapToLong(Long::parseLong).sum()).isEqualTo(commits);
        // README's screenshots, in a window tall enough for the charts below the DORA cards.
        ChromeDriver tall = Browser.open(1280, 1150);
        try {
            signIn(tall, stack.adminEmail(), stack.adminPassword());
            open(tall, "overview", REAL_ORG, history);
            screenshot(tall, "overview");
            open(tall, "code", REAL_ORG, history);
            screenshot(tall, "code-real");
        } finally {
            tall.quit();
        }
    }

    @Test
    void aViewerSeesNoAdminActions() {
        ChromeDriver viewer = Browser.open(1280, 900);
        try {
            signIn(viewer, VIEWER_EMAIL, VIEWER_PASSWORD);
            assertThat(viewer.findElement(By.id("who")).getAttribute("data-role")).isEqualTo("viewer");
            assertThat(viewer.findElements(By.cssSelector("[data-nav='admin']"))).isEmpty();
            open(viewer, "admin", window());
            assertThat(viewer.findElements(By.cssSelector("[data-action]"))).isEmpty();
            assertThat(viewer.findElement(By.id("content")).getText()).contains("needs the admin or owner role");
            open(viewer, "syncs", window());
            assertThat(viewer.findElements(By.cssSelector("[data-action]"))).isEmpty();
            // Viewers still read analytics.
            open(viewer, "overview", window());
            assertThat(viewer.findElements(By.cssSelector("[data-value='deployment-frequency']"))).hasSize(1);
        } finally {
            viewer.quit();
        }
    }

    @Test
    void anExpiredSessionReturnsToLogin() {
        ChromeDriver expiring = Browser.open(1280, 900);
        try {
            signIn(expiring, stack.adminEmail(), stack.adminPassword());
            // The session ends elsewhere (its refresh token revoked) and the access token is no longer accepted.
            String refreshToken = (String) expiring.executeScript(
                    "return JSON.parse(sessionStorage.getItem('devhealth.session')).refreshToken");
            stack.call("POST", "/api/v1/identity/auth/logout", null, Map.of("refreshToken", refreshToken));
            expiring.executeScript("const s = JSON.parse(sessionStorage.getItem('devhealth.session'));"
                    + "s.accessToken = 'expired'; sessionStorage.setItem('devhealth.session', JSON.stringify(s));");
            expiring.navigate().to(stack.url() + "/#/delivery?" + query(window()) + "&org=" + ORG);
            new WebDriverWait(expiring, WAIT).until(d -> !d.findElements(By.id("sign-in")).isEmpty());
            assertThat(expiring.findElement(By.id("login-error")).getText()).contains("session has expired");
            assertThat(expiring.executeScript("return sessionStorage.getItem('devhealth.session')")).isNull();
        } finally {
            expiring.quit();
        }
    }

    @Test
    void aPhoneWidthShowsTheOverviewInOneColumn() {
        ChromeDriver phone = Browser.open(390, 844);
        try {
            signIn(phone, stack.adminEmail(), stack.adminPassword());
            open(phone, "overview", window());
            Number scrollWidth = (Number) phone.executeScript("return document.documentElement.scrollWidth");
            Number clientWidth = (Number) phone.executeScript("return document.documentElement.clientWidth");
            assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(clientWidth.intValue());
            screenshot(phone, "overview-phone");
        } finally {
            phone.quit();
        }
    }

    // --- helpers ---

    private void signIn(ChromeDriver driver, String email, String password) {
        driver.get(stack.url() + "/#/overview?org=" + ORG + "&" + query(window()));
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> !d.findElements(By.id("email")).isEmpty());
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        awaitRendered(driver, "overview");
    }

    /** Opens a deep link to {@code view} of Acme and waits until the view says it has rendered. */
    private void open(ChromeDriver driver, String view, Map<String, String> params) {
        open(driver, view, ORG, params);
    }

    private void open(ChromeDriver driver, String view, String org, Map<String, String> params) {
        String url = stack.url() + "/#/" + view + "?org=" + org + "&" + query(params);
        if (!org.equals(ORG) && !org.equals(OTHER_ORG)) {
            // An organization created after sign-in: a reload makes the app read the organizations again.
            driver.navigate().to(url);
            driver.navigate().refresh();
            awaitRendered(driver, view);
            return;
        }
        driver.executeScript("delete document.body.dataset.rendered");
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh(); // the same hash fires no hashchange
        } else {
            driver.navigate().to(url);
        }
        awaitRendered(driver, view);
    }

    /** Submits an admin form and waits for the admin view redrawn with the API's new state. */
    private void submitAndAwait(String form) {
        browser.executeScript("delete document.body.dataset.rendered");
        browser.findElement(By.cssSelector("#" + form + " button[type='submit']")).click();
        awaitRendered(browser, "admin");
    }

    private String memberRole(String org, String email) {
        for (JsonNode member : stack.get("/api/v1/identity/orgs/" + org + "/members?limit=200", adminToken).path("items")) {
            if (member.path("email").asText().equals(email)) {
                return member.path("role").asText();
            }
        }
        throw new AssertionError(email + " is not a member of " + org);
    }

    /** A run of {@code configuration} claimed, then completed as sync-service completes one. */
    private void finishedRun(String configuration, String status, Map<String, Object> counts, String error) {
        String holder = "dashboard-test";
        String run = stack.callIdentityAsSyncService("POST", "/internal/v1/sync-runs", Map.of("syncConfigurationId", configuration,
                "trigger", "manual", "holder", holder, "leaseSeconds", 60)).path("id").asText();
        Map<String, Object> completion = new java.util.HashMap<>(Map.of("holder", holder, "status", status, "itemsProcessed", 120,
                "counts", counts));
        if (error != null) {
            completion.put("error", error);
        }
        stack.callIdentityAsSyncService("POST", "/internal/v1/sync-runs/" + run + "/complete", completion);
    }

    /** Polls the configuration's latest run until it is no longer running (a sync of a few hundred commits). */
    private JsonNode awaitFinishedRun(String org, String configuration, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode runs = stack.get("/api/v1/identity/orgs/" + org + "/sync-configurations/" + configuration + "/runs", token);
            JsonNode latest = runs.path(0); // newest first
            if (!latest.isMissingNode() && !latest.path("status").asText().equals("running")) {
                return latest;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sync run did not finish within 3 minutes: " + runs);
            }
            Thread.sleep(250); // polling interval of an observed condition, bounded by the deadline
        }
    }

    /** Commits in the window per the API's daily repository metrics, summed. */
    private long apiCommits(String windowQuery) {
        return apiCommits(ORG, windowQuery, adminToken);
    }

    private long apiCommits(String org, String windowQuery, String token) {
        long commits = 0;
        for (JsonNode row : stack.get("/api/v1/analytics/orgs/" + org + "/metrics/repos/daily?" + windowQuery, token).path("items")) {
            commits += row.path("commits").asLong();
        }
        return commits;
    }

    private static int windowDays() {
        return SeededDataset.FROM.datesUntil(SeededDataset.TO.plusDays(1)).toList().size();
    }

    /** Runs git (in {@code repository} when given) in UTC; its standard output. */
    private static String git(Path repository, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        if (repository != null) {
            command.addAll(List.of("--git-dir", repository.toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TZ", "UTC");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("git " + String.join(" ", args)).isZero();
        return output;
    }

    private void submitFilters(String view) {
        browser.executeScript("delete document.body.dataset.rendered");
        browser.findElement(By.id("apply")).click();
        awaitRendered(browser, view);
    }

    private static void awaitRendered(ChromeDriver driver, String view) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> String.valueOf(((ChromeDriver) d)
                    .executeScript("return document.body.dataset.rendered || ''")).startsWith(view + ":"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("view " + view + " did not render at " + driver.getCurrentUrl() + "; the page says:\n"
                    + driver.findElement(By.tagName("body")).getText() + "\nbrowser log: "
                    + driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    /** A level badge: the API's value it stands for (its data attribute) and what it reads on screen. */
    private String level(String metric) {
        WebElement badge = browser.findElement(By.cssSelector("[data-level='" + metric + "']"));
        String value = badge.getAttribute("data-level-value");
        assertThat(badge.getText()).isEqualToIgnoringCase(value);
        return value;
    }

    private List<WebElement> tableRows(String chart) {
        return browser.findElements(By.cssSelector("[data-table='" + chart + "'] tbody tr"));
    }

    /** The text of column {@code index} (0-based) of a chart's table, read even while the table is hidden. */
    private List<String> tableColumn(String chart, int index) {
        return tableRows(chart).stream()
                .map(row -> row.findElements(By.tagName("td")).get(index).getAttribute("textContent").strip())
                .toList();
    }

    /** {@code field} of every element of {@code array}, as text. */
    private static List<String> values(JsonNode array, String field) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    /** The elements of an array of strings. */
    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Map<String, String> window() {
        return Map.of("from", SeededDataset.FROM.toString(), "to", SeededDataset.TO.toString());
    }

    private static String windowQuery() {
        return query(window());
    }

    private static String query(Map<String, String> params) {
        return String.join("&", params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).sorted().toList());
    }

    /** The dashboard's number format: integers as they are, others rounded to 2 decimals without trailing zeros. */
    private static String fmt(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "—";
        }
        return new BigDecimal(value.asText()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String percent(JsonNode rate) {
        return new BigDecimal(rate.asText()).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static void screenshot(ChromeDriver driver, String name) {
        Path target = Scripts.repoRoot().resolve("docs/screenshots").resolve(name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
