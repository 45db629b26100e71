package io.devhealth.identity.team.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.team.service.TeamService;

/** One page of {@code GET …/teams}. */
public record TeamPage(
        List<TeamResponse> items,
        @Schema(description = "0-based page number", examples = "0") int page,
        @Schema(description = "Page size asked for (1–200)", examples = "50") int size,
        @Schema(description = "How many teams the organization has", examples = "12") long total) {

    static TeamPage from(TeamService.TeamPage teams, int page, int size) {
        return new TeamPage(teams.items().stream().map(TeamResponse::from).toList(), page, size, teams.total());
    }
}
