package io.devhealth.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sync", description = "Sync configurations and their runs.",
        subcommands = { SyncAddCommand.class, SyncCommand.ListConfigurations.class, SyncRunCommand.class,
                SyncCommand.Status.class })
final class SyncCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<Column> CONFIGURATION_COLUMNS = List.of(Column.field("name", "name"),
            Column.field("provider", "provider"), Column.field("enabled", "enabled"),
            Column.field("next run", "nextRunAt"), Column.field("id", "id"));

    static final List<Column> RUN_COLUMNS = List.of(Column.field("configuration", "configuration"),
            Column.field("status", "status"), Column.field("phase", "phase"), Column.field("progress", "progress"),
            Column.field("started", "startedAt"), Column.field("finished", "finishedAt"),
            Column.field("error", "error"), Column.field("run id", "id"));

    @Command(name = "list", description = "List the organization's sync configurations.")
    static final class ListConfigurations extends ApiCommand {

        @Mixin
        OrgOption org;

        ListConfigurations(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            print(configurations(api(), org.org()), CONFIGURATION_COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "status", description = "The latest run of each sync configuration (or of one).")
    static final class Status extends ApiCommand {

        @Mixin
        OrgOption org;

        @Parameters(arity = "0..1", paramLabel = "CONFIGURATION", description = "Name or id; default: all.")
        String configuration;

        Status(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            ApiClient api = api();
            List<JsonNode> chosen = configuration == null ? ApiCommand.rows(configurations(api, org.org()))
                    : List.of(find(api, org.org(), configuration));
            ArrayNode runs = JSON.createArrayNode();
            for (JsonNode config : chosen) {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("limit", 1);
                JsonNode latest = api.get(path("/api/v1/identity/orgs/%s/sync-configurations/%s/runs", org.org(),
                        config.get("id").asText()), query);
                ObjectNode row = latest.isArray() && !latest.isEmpty() ? ((ObjectNode) latest.get(0)).deepCopy()
                        : JSON.createObjectNode().put("status", "never run");
                row.put("configuration", config.get("name").asText());
                row.put("progress", progress(row));
                runs.add(row);
            }
            print(runs, RUN_COLUMNS);
            return ExitCode.OK;
        }
    }

    static JsonNode configurations(ApiClient api, String org) {
        return api.get(ApiCommand.path("/api/v1/identity/orgs/%s/sync-configurations", org));
    }

    /** The configuration named (or with the id) {@code reference}. @throws CliException (not found) */
    static JsonNode find(ApiClient api, String org, String reference) {
        if (isUuid(reference)) {
            return api.get(ApiCommand.path("/api/v1/identity/orgs/%s/sync-configurations/%s", org, reference));
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode config : ApiCommand.rows(configurations(api, org))) {
            if (reference.equals(config.path("name").asText())) {
                matches.add(config);
            }
        }
        if (matches.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no sync configuration named '" + reference + "' in " + org);
        }
        return matches.getFirst();
    }

    /** {@code 120/480 commits}-style progress of a run's current phase; empty when unknown. */
    static String progress(JsonNode run) {
        if (!run.hasNonNull("itemsProcessed")) {
            return "";
        }
        String total = run.hasNonNull("itemsTotal") ? "/" + run.get("itemsTotal").asLong() : "";
        return run.get("itemsProcessed").asLong() + total;
    }

    static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
