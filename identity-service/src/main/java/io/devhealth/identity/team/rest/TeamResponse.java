package io.devhealth.identity.team.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.team.Team;
import io.devhealth.identity.team.service.TeamView;

/** A team. */
public record TeamResponse(
        @Schema(examples = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID id,
        @Schema(examples = "payments") String key,
        @Schema(examples = "Payments") String name,
        @Schema(description = "Person ids", examples = "[\"5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f\"]") List<UUID> members,
        @Schema(examples = "[\"acme/payments-*\"]") List<String> repositoryPatterns,
        @Schema(examples = "[\"PAY\"]") List<String> jiraProjectKeys,
        @Schema(description = "The change-feed version of the last change to the team or its members",
                examples = "42")
        long version,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant updatedAt) {

    static TeamResponse from(TeamView view) {
        Team team = view.team();
        return new TeamResponse(team.id, team.teamKey, team.name, view.members(), List.of(team.repositoryPatterns),
                List.of(team.jiraProjectKeys), team.changeVersion, team.createdAt, team.updatedAt);
    }
}
