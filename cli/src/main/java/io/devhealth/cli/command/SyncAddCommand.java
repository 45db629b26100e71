package io.devhealth.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", description = "Register a sync configuration (admins).",
        subcommands = { SyncAddCommand.Git.class, SyncAddCommand.GitHub.class, SyncAddCommand.GitLab.class,
                SyncAddCommand.Jira.class, SyncAddCommand.PagerDuty.class })
final class SyncAddCommand {

    /** What every provider's configuration takes besides its options. */
    abstract static class AddProvider extends ApiCommand {

        @Mixin
        OrgOption org;

        @Option(names = "--name", description = "A name unique in the organization.")
        String name;

        @Option(names = "--credential", paramLabel = "ID", description = "The credential the sync authenticates with.")
        String credential;

        @Option(names = "--backfill-days", description = "How far back a first run reads (1–3650 days).")
        Integer backfillDays;

        @Option(names = "--cron", description = "Schedule: a 5-field Unix cron, e.g. '0 */6 * * *'.")
        String cron;

        @Option(names = "--time-zone", description = "The cron's IANA zone (default: the organization's timezone).")
        String timeZone;

        AddProvider(Terminal terminal) {
            super(terminal);
        }

        abstract String provider();

        abstract void options(ObjectNode options);

        String defaultName() {
            return null;
        }

        @Override
        public Integer call() {
            ObjectNode body = SyncCommand.JSON.createObjectNode();
            body.put("name", name != null ? name : defaultName());
            body.put("provider", provider());
            options(body.putObject("options"));
            if (credential != null) {
                body.put("credentialId", credential);
            }
            if (backfillDays != null) {
                body.put("backfillDays", backfillDays);
            }
            if (cron != null) {
                ObjectNode schedule = body.putObject("schedule").put("cron", cron);
                if (timeZone != null) {
                    schedule.put("timeZone", timeZone);
                }
            }
            print(api().post(path("/api/v1/identity/orgs/%s/sync-configurations", org.org()), body),
                    SyncCommand.CONFIGURATION_COLUMNS);
            return ExitCode.OK;
        }

        static void putAll(ObjectNode options, String field, List<String> values) {
            if (!values.isEmpty()) {
                values.forEach(options.putArray(field)::add);
            }
        }
    }

    @Command(name = "git", description = "A local git repository (under the operator's and the organization's roots).")
    static final class Git extends AddProvider {

        @Option(names = "--path", required = true, description = "The repository's directory (made absolute).")
        Path path;

        Git(Terminal terminal) {
            super(terminal);
        }

        @Override
        String provider() {
            return "git";
        }

        @Override
        String defaultName() {
            Path fileName = path.toAbsolutePath().normalize().getFileName();
            return fileName == null ? "root" : fileName.toString();
        }

        @Override
        void options(ObjectNode options) {
            options.put("repositoryPath", SyncCommand.absolute(path));
        }
    }

    @Command(name = "github", description = "GitHub or GitHub Enterprise Server repositories.")
    static final class GitHub extends AddProvider {

        @Option(names = "--owner", description = "The repositories' owner (with --repo).")
        String owner;

        @Option(names = "--repo", description = "A repository of --owner, repeatable.")
        List<String> repos = new ArrayList<>();

        @Option(names = "--github-org", description = "Every repository of this GitHub organization.")
        String githubOrg;

        @Option(names = "--api-url", description = "GitHub Enterprise Server's API URL.")
        String apiUrl;

        GitHub(Terminal terminal) {
            super(terminal);
        }

        @Override
        String provider() {
            return "github";
        }

        @Override
        void options(ObjectNode options) {
            if (owner != null) {
                options.put("owner", owner);
            }
            putAll(options, "repos", repos);
            if (githubOrg != null) {
                options.put("org", githubOrg);
            }
            if (apiUrl != null) {
                options.put("apiUrl", apiUrl);
            }
        }
    }

    @Command(name = "gitlab", description = "GitLab projects and groups (gitlab.com or self-managed).")
    static final class GitLab extends AddProvider {

        @Option(names = "--project", description = "A project id or full path, repeatable.")
        List<String> projects = new ArrayList<>();

        @Option(names = "--group", description = "A group id or full path (with its subgroups), repeatable.")
        List<String> groups = new ArrayList<>();

        @Option(names = "--base-url", description = "A self-managed instance's API URL (…/api/v4).")
        String baseUrl;

        GitLab(Terminal terminal) {
            super(terminal);
        }

        @Override
        String provider() {
            return "gitlab";
        }

        @Override
        void options(ObjectNode options) {
            putAll(options, "projects", projects);
            putAll(options, "groups", groups);
            if (baseUrl != null) {
                options.put("baseUrl", baseUrl);
            }
        }
    }

    @Command(name = "jira", description = "Jira Cloud projects or a JQL query.")
    static final class Jira extends AddProvider {

        @Option(names = "--site-url", required = true, description = "The Jira site's URL.")
        String siteUrl;

        @Option(names = "--project-key", description = "A project key, repeatable.")
        List<String> projectKeys = new ArrayList<>();

        @Option(names = "--jql", description = "A JQL query instead of project keys.")
        String jql;

        Jira(Terminal terminal) {
            super(terminal);
        }

        @Override
        String provider() {
            return "jira";
        }

        @Override
        void options(ObjectNode options) {
            options.put("siteUrl", siteUrl);
            putAll(options, "projectKeys", projectKeys);
            if (jql != null) {
                options.put("jql", jql);
            }
        }
    }

    @Command(name = "pagerduty", description = "PagerDuty incidents (every service unless --service-id).")
    static final class PagerDuty extends AddProvider {

        @Option(names = "--service-id", description = "A PagerDuty service id, repeatable.")
        List<String> serviceIds = new ArrayList<>();

        @Option(names = "--base-url", description = "The REST API's URL for EU accounts.")
        String baseUrl;

        PagerDuty(Terminal terminal) {
            super(terminal);
        }

        @Override
        String provider() {
            return "pagerduty";
        }

        @Override
        void options(ObjectNode options) {
            putAll(options, "serviceIds", serviceIds);
            if (baseUrl != null) {
                options.put("baseUrl", baseUrl);
            }
        }
    }
}
