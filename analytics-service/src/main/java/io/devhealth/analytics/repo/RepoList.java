package io.devhealth.analytics.repo;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The organization's repositories, by full name. */
public record RepoList(
        @Schema(description = "Repositories sorted by full name; empty when nothing has been synced.")
        List<Repo> items) {
}
