package io.devhealth.cli.command;

import picocli.CommandLine.Option;

/** {@code --org}: the organization (slug or id) of every organization command; default {@code $DEVHEALTH_ORG}. */
public final class OrgOption {

    @Option(names = "--org", required = true, defaultValue = "${env:DEVHEALTH_ORG}", paramLabel = "SLUG|ID",
            description = "Organization slug or id (default: $DEVHEALTH_ORG).")
    String org;

    public String org() {
        return org;
    }
}
