package io.devhealth.cli.command;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", description = "Users and organizations (superusers; anyone may create an organization).",
        subcommands = { AdminCommand.CreateUser.class, AdminCommand.CreateOrg.class, AdminCommand.ListUsers.class,
                AdminCommand.ListOrgs.class })
final class AdminCommand {

    static final List<Column> USER_COLUMNS = List.of(Column.field("email", "email"),
            Column.field("name", "displayName"), Column.field("superuser", "superuser"),
            Column.field("active", "active"), Column.field("id", "id"), Column.field("last login", "lastLoginAt"));

    @Command(name = "create-user", description = "Create a user; the password is typed at a prompt or piped with "
            + "--password-stdin.")
    static final class CreateUser extends ApiCommand {

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--display-name")
        String displayName;

        @Option(names = "--superuser", description = "Make the user a superuser.")
        boolean superuser;

        @Option(names = "--password-stdin", description = "Read the new user's password from the first line of stdin.")
        boolean passwordStdin;

        CreateUser(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            char[] password = terminal.secret("Password", passwordStdin, "--password-stdin");
            try {
                ObjectNode body = new ObjectMapper().createObjectNode().put("email", email)
                        .put("password", new String(password)).put("superuser", superuser);
                if (displayName != null) {
                    body.put("displayName", displayName);
                }
                print(api().post("/api/v1/identity/users", body), USER_COLUMNS);
                return ExitCode.OK;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "create-org", description = "Create an organization; you become its owner.")
    static final class CreateOrg extends ApiCommand {

        @Option(names = "--slug", required = true, description = "3–63 lower-case letters, digits and inner hyphens.")
        String slug;

        @Option(names = "--name", required = true)
        String name;

        CreateOrg(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            ApiClient api = api();
            ObjectNode body = new ObjectMapper().createObjectNode().put("slug", slug).put("name", name);
            var created = api.post("/api/v1/identity/orgs", body);
            // The membership is in the next access token: get it now, so the next command may use the organization.
            api.refresh();
            print(created, OrgsCommand.COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "list-users", description = "List users (first 200; --query filters by email or name).")
    static final class ListUsers extends ApiCommand {

        @Option(names = "--query", description = "Part of an email or display name.")
        String query;

        ListUsers(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("limit", 200);
            params.put("q", query);
            print(api().get("/api/v1/identity/users", params), USER_COLUMNS);
            return ExitCode.OK;
        }
    }

    @Command(name = "list-orgs", description = "List every organization (superusers).")
    static final class ListOrgs extends ApiCommand {

        ListOrgs(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            print(api().get("/api/v1/identity/orgs"), OrgsCommand.COLUMNS);
            return ExitCode.OK;
        }
    }
}
