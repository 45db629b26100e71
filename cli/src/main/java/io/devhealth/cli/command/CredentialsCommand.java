package io.devhealth.cli.command;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "credentials", description = "Integration credentials (provider tokens): metadata only, never secrets.",
        subcommands = { CredentialsCommand.Add.class })
final class CredentialsCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.field("id", "id"), Column.field("provider", "provider"),
            Column.field("name", "name"), Column.field("fingerprint", "secretFingerprint"),
            Column.field("metadata", "metadata"), Column.field("updated", "secretUpdatedAt"));

    @Mixin
    OrgOption org;

    CredentialsCommand(Terminal terminal) {
        super(terminal);
    }

    /** Without a subcommand: the list. */
    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", 200);
        print(api().get(path("/api/v1/identity/orgs/%s/credentials", org.org()), query), COLUMNS);
        return ExitCode.OK;
    }

    @Command(name = "add", description = {
            "Store a provider secret (admins). The secret is typed at a prompt or piped with --secret-stdin; "
                    + "never an argument." })
    static final class Add extends ApiCommand {

        @Mixin
        OrgOption org;

        @Option(names = "--provider", required = true, description = "github, gitlab, jira or pagerduty.")
        String provider;

        @Option(names = "--name", required = true, description = "A name unique in the organization.")
        String name;

        @Option(names = "--metadata", paramLabel = "KEY=VALUE",
                description = "Non-secret metadata, repeatable (jira: email=<account email> for an API token).")
        Map<String, String> metadata = new LinkedHashMap<>();

        @Option(names = "--secret-stdin", description = "Read the secret from the first line of stdin.")
        boolean secretStdin;

        Add(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            char[] secret = terminal.secret("Secret", secretStdin, "--secret-stdin");
            try {
                ObjectNode body = new ObjectMapper().createObjectNode().put("provider", provider).put("name", name)
                        .put("secret", new String(secret));
                ObjectNode meta = body.putObject("metadata");
                metadata.forEach(meta::put);
                print(api().post(path("/api/v1/identity/orgs/%s/credentials", org.org()), body), COLUMNS);
                return ExitCode.OK;
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
