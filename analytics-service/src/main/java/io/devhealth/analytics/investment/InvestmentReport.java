package io.devhealth.analytics.investment;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where completed work went over a window of UTC days: the items completed in it by work-item type, and with
 * {@code group=label} by label inside each type, as a tree for a sunburst (rings add up: an item with n labels
 * counts 1/n under each) and as a series per period. Values are item counts (fractional under labels) and, where the
 * items carry them, story points.
 */
public record InvestmentReport(
        @Schema(examples = "2025-03-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "type (one ring) or label (types, then their labels)", examples = "label") String group,
        @Schema(description = "day, week or month", examples = "month") String period,
        @Schema(description = "The tree: the root holds every completed item, its children the types, theirs the "
                + "labels (group=label)") Node tree,
        @Schema(description = "One entry per period of the window, oldest first") List<Bucket> series) {

    /**
     * One slice of the sunburst.
     *
     * @param value       items completed; under labels an item with n labels adds 1/n to each
     * @param storyPoints story points of those items (split like value); null when none of them has points
     * @param share       value ÷ the root's value, 0–1; null when nothing was completed
     */
    @Schema(name = "InvestmentNode")
    public record Node(
            @Schema(description = "all (the root), a type (story, bug, task, epic, incident, other), a label, "
                    + "(no label), or (other labels) for the labels beyond the largest 20 of a type",
                    examples = "story") String name,
            @Schema(examples = "12.5") double value,
            @Schema(description = "null when none of the items has story points", examples = "31.0") Double storyPoints,
            @Schema(description = "0–1 of all completed items; null when nothing was completed", examples = "0.42")
            Double share,
            List<Node> children) {
    }

    /** One period of the window, clipped to it. */
    @Schema(name = "InvestmentBucket")
    public record Bucket(
            @Schema(examples = "2025-03-01") LocalDate start,
            @Schema(examples = "2025-03-31") LocalDate end,
            @Schema(description = "Items completed in the period", examples = "30") double items,
            @Schema(description = "Their story points; null when none has points", examples = "75.0")
            Double storyPoints,
            @Schema(description = "The tree's leaves that had completions in the period") List<Slice> slices) {
    }

    /** A leaf of the tree within one period. */
    @Schema(name = "InvestmentSlice")
    public record Slice(
            @Schema(description = "The leaf's names from the root's child down: [type] or [type, label]",
                    examples = "[\"story\", \"frontend\"]") List<String> path,
            @Schema(examples = "4.5") double value,
            @Schema(examples = "11.0") Double storyPoints,
            @Schema(description = "0–1 of the period's items", examples = "0.15") double share) {
    }
}
