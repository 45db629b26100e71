package io.devhealth.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "members", description = "List the organization's members and their roles (first 200).")
final class MembersCommand extends ApiCommand {

    @Mixin
    OrgOption org;

    MembersCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", 200);
        print(api().get(path("/api/v1/identity/orgs/%s/members", org.org()), query), List.of(
                Column.field("email", "email"), Column.field("name", "displayName"), Column.field("role", "role"),
                Column.field("since", "memberSince"), Column.field("user id", "userId")));
        return ExitCode.OK;
    }
}
