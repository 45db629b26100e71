package io.devhealth.analytics.code;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Files ranked by churn × distinct authors over a window of UTC days: code that changes a lot, by many people, is
 * where defects and coordination cost concentrate (Tornhill, Your Code as a Crime Scene: hotspots as change
 * frequency; Nagappan et al., Microsoft Research 2008: code churn and the number of engineers predict defects).
 */
public record Hotspots(
        @Schema(examples = "2025-03-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "The repository filter as given; null: every repository", examples = "acme/api")
        String repo,
        @Schema(description = "Highest score first (then churn, repository, path); at most limit items")
        List<Hotspot> items) {

    /**
     * One file of one repository.
     *
     * @param churn   lines added + deleted by the window's non-merge commits (git log --numstat); binary files,
     *                which git reports without line counts, are left out
     * @param authors distinct authors: canonical people where identity maps the commit email, else the email
     * @param score   churn × authors
     */
    public record Hotspot(
            UUID repoId,
            @Schema(examples = "acme/api") String repo,
            @Schema(examples = "src/main/java/io/acme/Billing.java") String path,
            @Schema(description = "Commits that changed the file", examples = "14") long commits,
            @Schema(examples = "420") long additions,
            @Schema(examples = "180") long deletions,
            @Schema(description = "Lines added + deleted", examples = "600") long churn,
            @Schema(description = "Distinct authors (canonical people)", examples = "5") long authors,
            @Schema(description = "churn × authors", examples = "3000") long score) {
    }
}
