package io.devhealth.identity.team.service;

import java.util.List;
import java.util.UUID;

import io.devhealth.identity.team.Team;

/** A team with its members' person ids. */
public record TeamView(Team team, List<UUID> members) {
}
