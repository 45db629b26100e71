package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST …/people/{id}/merge}. */
public record MergePeopleRequest(
        @Schema(description = "The person merged into the one in the path, then deleted",
                examples = "2c9d7e1f-8a4b-4b6c-9d0e-1f2a3b4c5d6e")
        @NotNull UUID personId) {
}
