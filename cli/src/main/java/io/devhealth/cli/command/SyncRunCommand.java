package io.devhealth.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiException;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Start a run of a sync configuration now (admins).",
        "With --follow, show its progress on stderr (phase, items done/total, rate-limit waits) until it ends; "
                + "exits 9 when the run failed." })
final class SyncRunCommand extends ApiCommand {

    private static final String ALREADY_RUNNING = "sync-run-already-running";

    @Mixin
    OrgOption org;

    @Parameters(paramLabel = "CONFIGURATION", description = "Name or id of the sync configuration.")
    String configuration;

    @Option(names = "--follow", description = "Wait for the run to end, showing its progress.")
    boolean follow;

    @Option(names = "--poll-interval", defaultValue = "500", paramLabel = "MILLISECONDS",
            description = "How often --follow asks for progress (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;

    SyncRunCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws InterruptedException {
        ApiClient api = api();
        JsonNode config = SyncCommand.find(api, org.org(), configuration);
        String configId = config.get("id").asText();
        Instant started = terminal.clock().instant();
        JsonNode run;
        try {
            run = api.post(path("/api/v1/sync/orgs/%s/configurations/%s/runs", org.org(), configId), null);
        } catch (ApiException e) {
            if (!follow || e.type() == null || !e.type().endsWith("/" + ALREADY_RUNNING)) {
                throw e;
            }
            // Following is what the user wants either way: follow the run that is already going.
            run = api.get(path("/api/v1/identity/orgs/%s/sync-configurations/%s/runs", org.org(), configId)
                    + "?limit=1").get(0);
            terminal.err().println("a run of " + config.get("name").asText() + " is already running; following it");
        }
        if (follow) {
            run = follow(api, run, started);
        }
        ObjectNode row = ((ObjectNode) run).deepCopy();
        row.put("configuration", config.get("name").asText());
        row.put("progress", SyncCommand.progress(run));
        row.put("counts", counts(run));
        List<Column> columns = follow
                ? List.of(Column.field("configuration", "configuration"), Column.field("status", "status"),
                        Column.field("seconds", "seconds"), Column.field("counts", "counts"),
                        Column.field("error", "error"), Column.field("run id", "id"))
                : SyncCommand.RUN_COLUMNS;
        if (follow) {
            row.put("seconds", String.format(Locale.ROOT, "%.1f",
                    Duration.between(started, terminal.clock().instant()).toMillis() / 1000.0));
        }
        output.print(terminal.out(), run, List.of(row), columns);
        return "failed".equals(run.path("status").asText()) ? ExitCode.SYNC_FAILED : ExitCode.OK;
    }

    private JsonNode follow(ApiClient api, JsonNode run, Instant started) throws InterruptedException {
        PrintWriter err = terminal.err();
        String runPath = path("/api/v1/sync/orgs/%s/runs/%s", org.org(), run.get("id").asText());
        String shown = "";
        int waits = 0;
        String lastWait = "";
        while ("running".equals(run.path("status").asText())) {
            Thread.sleep(pollMillis);
            run = api.get(runPath);
            String phase = run.path("phase").asText("");
            if (phase.startsWith("waiting until") && !phase.equals(lastWait)) {
                waits++;
                lastWait = phase;
            }
            String line = progressLine(run, waits,
                    terminal.interactive() ? Duration.between(started, terminal.clock().instant()) : null);
            if (!line.equals(shown)) {
                // A terminal gets one line rewritten in place; a pipe or a log gets one line per change.
                if (terminal.interactive()) {
                    err.print("\r" + line + " ".repeat(Math.max(0, shown.length() - line.length())));
                } else {
                    err.println(line);
                }
                err.flush();
                shown = line;
            }
        }
        if (terminal.interactive() && !shown.isEmpty()) {
            err.println();
        }
        if ("failed".equals(run.path("status").asText())) {
            err.println("error: the sync failed: " + run.path("error").asText("(no reason given)"));
        }
        return run;
    }

    /** {@code   extracting: 5200/10215  rate-limit waits: 1  (12 s)}; the time only when {@code elapsed} is given. */
    static String progressLine(JsonNode run, int rateLimitWaits, Duration elapsed) {
        StringBuilder line = new StringBuilder("  ").append(run.path("phase").asText("starting"));
        String progress = SyncCommand.progress(run);
        if (!progress.isEmpty()) {
            line.append(": ").append(progress);
        }
        if (rateLimitWaits > 0) {
            line.append("  rate-limit waits: ").append(rateLimitWaits);
        }
        if (elapsed != null) {
            line.append(String.format(Locale.ROOT, "  (%d s)", elapsed.toSeconds()));
        }
        return line.toString();
    }

    /** {@code commits=9, commit_stats=257, …}: the run's counts in the order the server gave them. */
    static String counts(JsonNode run) {
        StringJoiner joined = new StringJoiner(", ");
        run.path("counts").properties().forEach(entry -> joined.add(entry.getKey() + "=" + entry.getValue().asText()));
        return joined.toString();
    }

}
