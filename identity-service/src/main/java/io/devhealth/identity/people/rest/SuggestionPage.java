package io.devhealth.identity.people.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.SuggestionService;

/** One page of {@code GET …/people/suggestions}. */
public record SuggestionPage(
        List<SuggestionResponse> items,
        @Schema(description = "0-based page number", examples = "0") int page,
        @Schema(description = "Page size asked for (1–200)", examples = "50") int size,
        @Schema(description = "How many suggestions are open", examples = "7") long total) {

    static SuggestionPage from(SuggestionService.SuggestionPage suggestions, int page, int size) {
        return new SuggestionPage(suggestions.items().stream().map(SuggestionResponse::from).toList(), page, size,
                suggestions.total());
    }
}
