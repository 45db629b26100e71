package io.devhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.cli.api.SessionStore;
import io.devhealth.testengines.LocalStack;

/**
 * The CLI against the real stack (LocalStack): one session through the whole story, in order: log in, create an
 * organization, register a git repository made here, sync it with --follow, read its metrics back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "cli-e2e";

    @TempDir
    static Path configDir;

    private static LocalStack stack;
    private static Cli cli;
    private static Path repository;
    private static final List<Cli.Result> RESULTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = LocalStack.get();
        cli = new Cli(configDir);
    }

    private static Cli.Result okWithStdin(String stdin, String... args) {
        Cli.Result result = cli.runWithStdin(stdin, args);
        RESULTS.add(result);
        assertThat(result.exitCode()).as("devhealth %s: %s", String.join(" ", args), result.err()).isZero();
        return result;
    }

    private static Cli.Result ok(String... args) {
        return okWithStdin("", args);
    }

    @Test
    @Order(1)
    void loginKeepsTheSessionPrivate() throws IOException {
        Cli.Result login = okWithStdin(stack.adminPassword() + "\n", "login", "--url", stack.gatewayUrl(), "--email",
                stack.adminEmail(), "--password-stdin");

        assertThat(login.out()).contains("logged in to " + stack.gatewayUrl() + " as " + stack.adminEmail());
        Path session = new SessionStore(configDir).file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
        assertThat(Files.readString(session)).contains("\"refreshToken\":\"dhr_").doesNotContain(stack.adminPassword());
    }

    @Test
    @Order(2)
    void withoutASessionCommandsSayHowToLogIn(@TempDir Path elsewhere) {
        Cli.Result result = new Cli(elsewhere).run("orgs");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
        assertThat(result.err().strip()).isEqualTo("error: not logged in: run devhealth login --url <gateway> --email <email>");
    }

    @Test
    @Order(3)
    void createdOrganizationIsListedInEveryFormat() throws Exception {
        ok("admin", "create-org", "--slug", ORG, "--name", "CLI, end to end");

        assertThat(ok("orgs").out().lines().toList()).first().asString().startsWith("slug");
        assertThat(ok("orgs").out()).containsPattern("(?m)^" + ORG + " +CLI, end to end +[0-9a-f-]{36} ");
        JsonNode json = JSON.readTree(ok("orgs", "--json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsText("slug")).contains(ORG);
        List<String> csv = ok("orgs", "--csv").out().lines().toList();
        assertThat(csv.getFirst()).isEqualTo("slug,name,id,created");
        assertThat(csv).anyMatch(line -> line.startsWith(ORG + ",\"CLI, end to end\","));
        assertThat(csv).hasSize(json.size() + 1);

        assertThat(ok("members", "--org", ORG).out()).contains(stack.adminEmail()).contains("owner");
    }

    @Test
    @Order(4)
    void badRequestIsOneLineWithItsExitCode() {
        Cli.Result result = cli.run("admin", "create-org", "--slug", "Not A Slug", "--name", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .matches("error: 422 validation: .*slug.*");

        Cli.Result missing = cli.run("members", "--org", "no-such-org");
        assertThat(missing.exitCode()).isIn(ExitCode.NOT_FOUND, ExitCode.FORBIDDEN);
        assertThat(missing.err().lines().toList()).singleElement().asString().startsWith("error: 40");
    }

    @Test
    @Order(5)
    void passwordIsNeverAnArgument() {
        Cli.Result result = cli.run("login", "--url", stack.gatewayUrl(), "--email", stack.adminEmail(), "--password",
                "x");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);

        Cli.Result noTerminal = cli.run("login", "--url", stack.gatewayUrl(), "--email", stack.adminEmail());
        assertThat(noTerminal.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noTerminal.err()).contains("--password-stdin");
    }

    @Test
    @Order(6)
    void syncRunFollowsAGitRepositoryToCompletion() throws Exception {
        repository = gitRepository();
        allowLocalRoot(repository);
        ok("sync", "add", "git", "--org", ORG, "--path", repository.toString(), "--name", "small");

        Cli.Result run = ok("sync", "run", "--org", ORG, "small", "--follow", "--poll-interval", "100");

        assertThat(run.out()).containsPattern("small +succeeded +[0-9.]+ +.*commits=3");
        assertThat(run.err()).doesNotContain("error");
        assertThat(ok("sync", "status", "--org", ORG).out()).containsPattern("small +succeeded +done");
    }

    @Test
    @Order(7)
    void dailyMetricsEqualTheApis() throws Exception {
        JsonNode cliSeries = JSON.readTree(ok("metrics", "daily", "--org", ORG, "--to", "last-commit", "--days", "14",
                "--json").out());
        assertThat(cliSeries.get("to").asText()).isEqualTo("2026-11-20");
        assertThat(cliSeries.get("from").asText()).isEqualTo("2026-11-07");

        JsonNode api = apiGet("/api/v1/analytics/orgs/" + ORG + "/metrics/repos/daily?from=2026-11-07&to=2026-11-20");
        assertThat(cliSeries).isEqualTo(api);
        long commits = 0;
        for (JsonNode day : api.get("items")) {
            commits += day.get("commits").asLong();
        }
        assertThat(commits).isEqualTo(3);

        List<String> csv = ok("metrics", "daily", "--org", ORG, "--from", "2026-11-07", "--to", "2026-11-20", "--csv")
                .out().lines().toList();
        assertThat(csv.getFirst()).isEqualTo("day,repository,commits,merges,additions,deletions,files,authors");
        assertThat(csv).hasSize(api.get("items").size() + 1).contains("2026-11-20," + repository.getFileName() + ",2,0,3,1,2,1");
        String table = ok("metrics", "daily", "--org", ORG, "--to", "last-commit", "--days", "14").out();
        assertThat(table).containsPattern("(?m)^2026-11-20 +" + repository.getFileName() + " +2 +0 +3 +1 +2 +1$");
    }

    @Test
    @Order(8)
    void doraReportHasFiveMetricsAndSaysWhyThereIsNoData() throws Exception {
        String table = ok("metrics", "dora", "--org", ORG, "--to", "last-commit", "--days", "30").out();
        assertThat(table.lines().toList()).hasSize(6);
        assertThat(table).contains("deployment frequency", "change lead time", "change fail rate",
                "failed deployment recovery time", "deployment rework rate");
        assertThat(ok("metrics", "dora", "--org", ORG, "--days", "30", "--if-deployments").out()).isEmpty();
    }

    @Test
    @Order(9)
    void secretsNeverReachOutputAndLogoutEndsTheSession() {
        ok("completion", "bash");
        assertThat(cli.run("completion", "bash").out()).contains("complete -F").contains("devhealth");
        for (Cli.Result result : RESULTS) {
            assertThat(result.out() + result.err()).doesNotContain(stack.adminPassword());
        }
        ok("logout");
        assertThat(new SessionStore(configDir).file()).doesNotExist();
        assertThat(cli.run("orgs").exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
    }

    /** Three commits by one author: one on 2026-11-10, two on 2026-11-20 (3 lines added, 1 deleted, 2 files). */
    private static Path gitRepository() throws Exception {
        Path repo = stack.localRoot().resolve("small-" + UUID.randomUUID());
        Files.createDirectories(repo);
        git(repo, null, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("a.txt"), "one\n");
        commit(repo, "2026-11-10T10:00:00Z", "first");
        Files.writeString(repo.resolve("a.txt"), "one changed\n");
        commit(repo, "2026-11-20T09:00:00Z", "second");
        Files.writeString(repo.resolve("b.txt"), "two\nthree\n");
        commit(repo, "2026-11-20T11:00:00Z", "third");
        return repo;
    }

    private static void commit(Path repo, String date, String message) throws Exception {
        git(repo, date, "add", "-A");
        git(repo, date, "commit", "-q", "-m", message);
    }

    private static void git(Path repo, String date, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_AUTHOR_NAME", "Ada");
        env.put("GIT_AUTHOR_EMAIL", "ada@example.org");
        env.put("GIT_COMMITTER_NAME", "Ada");
        env.put("GIT_COMMITTER_EMAIL", "ada@example.org");
        if (date != null) {
            env.put("GIT_AUTHOR_DATE", date);
            env.put("GIT_COMMITTER_DATE", date);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), output).isZero();
    }

    /** The organization's repositories.local-roots setting (no CLI command sets it): the API, with the session's token. */
    private static void allowLocalRoot(Path root) throws Exception {
        String body = JSON.createObjectNode().set("value", JSON.createArrayNode().add(root.toString())).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/api/v1/identity/orgs/" + ORG + "/settings/repositories.local-roots"))
                .header("authorization", "Bearer " + token()).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode apiGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + path)).header("authorization", "Bearer " + token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String token() {
        return new SessionStore(configDir).load().orElseThrow().accessToken();
    }
}
