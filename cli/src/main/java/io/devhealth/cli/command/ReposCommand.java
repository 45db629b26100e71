package io.devhealth.cli.command;

import java.util.List;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "repos", description = "List the organization's synced repositories with their commit totals.")
final class ReposCommand extends ApiCommand {

    @Mixin
    OrgOption org;

    ReposCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        print(api().get(path("/api/v1/analytics/orgs/%s/repos", org.org())), List.of(
                Column.field("repository", "fullName"), Column.field("provider", "provider"),
                Column.number("commits", "commitCount"), Column.number("additions", "additions"),
                Column.number("deletions", "deletions"), Column.field("first commit", "firstCommitAt"),
                Column.field("last commit", "lastCommitAt"), Column.field("url", "url"), Column.field("id", "id")));
        return ExitCode.OK;
    }
}
