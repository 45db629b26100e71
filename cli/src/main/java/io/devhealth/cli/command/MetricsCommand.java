package io.devhealth.cli.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", description = "Daily repository metrics and the DORA report.",
        subcommands = { MetricsCommand.Daily.class, MetricsCommand.Dora.class })
final class MetricsCommand {

    static final String LAST_COMMIT = "last-commit";

    /** The window options both reports take: days in the organization's time zone, both ends included. */
    abstract static class Window extends ApiCommand {

        @Mixin
        OrgOption org;

        @Option(names = "--repo", description = "A repository, by id or full name (default: all).")
        String repo;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: --days before --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD|last-commit", description = {
                "Last day (default: today in the organization's time zone).",
                "last-commit: the day of the newest commit (of --repo, else of any repository): the window ends "
                        + "where the activity does." })
        String to;

        @Option(names = "--days", description = "The window's length in days when --from is not given.")
        Integer days;

        Window(Terminal terminal) {
            super(terminal);
        }

        /** The query's from/to: null lets the API apply its defaults. */
        Map<String, Object> window(ApiClient api) {
            LocalDate last = to == null ? (days == null ? null : today(api))
                    : LAST_COMMIT.equals(to) ? lastCommitDay(api) : parseDay(to);
            LocalDate first = from != null ? from : days == null || last == null ? null : last.minusDays(days - 1L);
            if (days != null && days < 1) {
                throw new CliException(ExitCode.USAGE, "--days must be at least 1");
            }
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("from", first);
            query.put("to", last);
            query.put("repo", repo);
            return query;
        }

        private LocalDate lastCommitDay(ApiClient api) {
            Instant newest = null;
            for (JsonNode r : ApiCommand.rows(api.get(path("/api/v1/analytics/orgs/%s/repos", org.org())))) {
                boolean chosen = repo == null || repo.equals(r.path("id").asText())
                        || repo.equals(r.path("fullName").asText());
                if (chosen && r.hasNonNull("lastCommitAt")) {
                    Instant at = Instant.parse(r.get("lastCommitAt").asText());
                    newest = newest == null || at.isAfter(newest) ? at : newest;
                }
            }
            return newest == null ? today(api) : newest.atZone(zone(api)).toLocalDate();
        }

        private LocalDate today(ApiClient api) {
            return terminal.clock().instant().atZone(zone(api)).toLocalDate();
        }

        /** The organization's time zone (setting {@code timezone}): its midnight starts the daily buckets. */
        private ZoneId zone(ApiClient api) {
            JsonNode setting = api.get(path("/api/v1/identity/orgs/%s/settings/timezone", org.org()));
            return ZoneId.of(setting.path("value").asText("UTC"));
        }

        private static LocalDate parseDay(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new CliException(ExitCode.USAGE, "--to: not a day (YYYY-MM-DD) nor last-commit: " + text);
            }
        }
    }

    @Command(name = "daily", description = "Per repository and day: commits, merges, lines, files, authors.")
    static final class Daily extends Window {

        Daily(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            ApiClient api = api();
            JsonNode series = api.get(path("/api/v1/analytics/orgs/%s/metrics/repos/daily", org.org()), window(api));
            print(series, List.of(Column.field("day", "day"), Column.field("repository", "fullName"),
                    Column.number("commits", "commits"), Column.number("merges", "mergeCommits"),
                    Column.number("additions", "additions"), Column.number("deletions", "deletions"),
                    Column.number("files", "filesChanged"), Column.number("authors", "authors")));
            return ExitCode.OK;
        }
    }

    @Command(name = "dora", description = "The five DORA metrics over the window, with their levels.")
    static final class Dora extends Window {

        @Option(names = "--team", description = "Only the team's repositories (its key).")
        String team;

        @Option(names = "--environment", description = "Only this deployment environment.")
        String environment;

        @Option(names = "--levels", description = "The published level table: 2024 or 2023.")
        String levels;

        @Option(names = "--if-deployments", description = "Print nothing when the window has no deployment.")
        boolean ifDeployments;

        Dora(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            ApiClient api = api();
            Map<String, Object> query = window(api);
            query.put("team", team);
            query.put("environment", environment);
            query.put("levels", levels);
            JsonNode report = api.get(path("/api/v1/analytics/orgs/%s/dora", org.org()), query);
            if (ifDeployments && report.path("deploymentFrequency").path("deployments").asLong(0) == 0) {
                return ExitCode.OK;
            }
            ArrayNode rows = SyncCommand.JSON.createArrayNode();
            JsonNode frequency = report.path("deploymentFrequency");
            rows.add(row("deployment frequency", frequency,
                    number(frequency, "perWeek", "/week", 1), "deployments"));
            JsonNode lead = report.path("changeLeadTime");
            rows.add(row("change lead time", lead, lead.hasNonNull("medianHours")
                    ? number(lead, "medianHours", " h median", 1) + ", " + number(lead, "p90Hours", " h p90", 1)
                    : "", "changes"));
            JsonNode failRate = report.path("changeFailRate");
            rows.add(row("change fail rate", failRate, percent(failRate), "deployments"));
            JsonNode recovery = report.path("failedDeploymentRecoveryTime");
            rows.add(row("failed deployment recovery time", recovery,
                    number(recovery, "medianHours", " h median", 1), "failedDeployments"));
            JsonNode rework = report.path("deploymentReworkRate");
            rows.add(row("deployment rework rate", rework, percent(rework), "deployments"));
            output.print(terminal.out(), report, ApiCommand.rows(rows), List.of(Column.field("metric", "metric"),
                    Column.field("value", "value"), Column.field("level", "level"), Column.number("sample", "sample"),
                    Column.field("reason", "reason")));
            return ExitCode.OK;
        }

        private static JsonNode row(String metric, JsonNode value, String text, String sampleField) {
            return SyncCommand.JSON.createObjectNode().put("metric", metric).put("value", text)
                    .put("level", value.path("level").asText(null)).put("sample", value.path(sampleField).asLong(0))
                    .put("reason", value.path("reason").asText(null));
        }

        private static String number(JsonNode node, String field, String unit, int decimals) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? ""
                    : String.format(Locale.ROOT, "%." + decimals + "f%s", value.asDouble(), unit);
        }

        private static String percent(JsonNode node) {
            JsonNode rate = node.get("rate");
            return rate == null || rate.isNull() ? "" : String.format(Locale.ROOT, "%.1f %%", rate.asDouble() * 100);
        }
    }
}
