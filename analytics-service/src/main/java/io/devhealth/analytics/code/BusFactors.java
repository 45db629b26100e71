package io.devhealth.analytics.code;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bus factor of each repository over a window of UTC days, as CHAOSS defines it
 * (https://chaoss.community/kb/metric-bus-factor/: the smallest number of people who make 50% of the contributions),
 * with contributions measured in lines changed (added + deleted, non-merge commits, text files) and "50%" read
 * strictly: the smallest number of authors whose lines are more than half of the repository's. Two authors with half
 * each give 2. Authors are canonical people where identity maps the commit email, else the email.
 */
public record BusFactors(
        @Schema(examples = "2025-01-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "Most lines changed first, then by name; repositories without changes come last")
        List<RepoBusFactor> repos) {

    public record RepoBusFactor(
            UUID repoId,
            @Schema(examples = "acme/api") String repo,
            @Schema(description = "Lines added + deleted in the window", examples = "5120") long linesChanged,
            @Schema(description = "Non-merge commits with line changes", examples = "143") long commits,
            @Schema(description = "Distinct authors", examples = "7") long authors,
            @Schema(description = "null without line changes in the window", examples = "2") Integer busFactor,
            @Schema(description = "Why there is no bus factor; null when there is one", examples = "null")
            String reason,
            @Schema(description = "The largest contributors, most lines first, at most 10") List<Author> topAuthors) {
    }

    @Schema(name = "BusFactorAuthor")
    public record Author(
            @Schema(description = "The canonical person; null when the email is not mapped to one",
                    examples = "5b1c8a3e-2f9d-4c1e-9a77-0d2f4b6e8c10") UUID personId,
            @Schema(description = "The commit email (lower-cased) when not mapped to a person; null when mapped",
                    examples = "null") String email,
            @Schema(description = "The person's display name, else the git author name", examples = "Ada Lovelace")
            String name,
            @Schema(examples = "2300") long lines,
            @Schema(examples = "61") long commits,
            @Schema(description = "lines ÷ the repository's lines changed, 0–1", examples = "0.449") double share) {
    }
}
