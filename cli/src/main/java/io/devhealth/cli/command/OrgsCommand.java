package io.devhealth.cli.command;

import java.util.List;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.output.Column;
import picocli.CommandLine.Command;

@Command(name = "orgs", description = "List your organizations (every organization for a superuser).")
final class OrgsCommand extends ApiCommand {

    static final List<Column> COLUMNS = List.of(Column.field("slug", "slug"), Column.field("name", "name"),
            Column.field("id", "id"), Column.field("created", "createdAt"));

    OrgsCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        print(api().get("/api/v1/identity/orgs"), COLUMNS);
        return ExitCode.OK;
    }
}
