package io.devhealth.identity.people.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleService.PeoplePage;

/** One page of {@code GET …/people}. */
public record PersonPage(
        List<PersonResponse> items,
        @Schema(description = "0-based page number", examples = "0") int page,
        @Schema(description = "Page size asked for (1–200)", examples = "50") int size,
        @Schema(description = "How many people match in all", examples = "137") long total) {

    static PersonPage from(PeoplePage people, int page, int size) {
        return new PersonPage(people.items().stream().map(PersonResponse::from).toList(), page, size, people.total());
    }
}
