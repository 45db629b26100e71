package io.devhealth.analytics.team;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * Teams and their members in ClickHouse (migrations/clickhouse V1 {@code teams}, V2 {@code people} and
 * {@code person_identities}): a team's {@code members} are person ids; a person's provider identities are
 * (provider, lower-cased external id) pairs — a GitHub login, a GitLab username, a git email.
 */
@ApplicationScoped
public class TeamRepository {

    /**
     * A subquery of the provider identities of the given teams' members, one row per identity:
     * {@code provider, external_id, team_ids Array(String)} (the given teams the person belongs to). Its three
     * parameters: the org id, the team ids joined by {@link #joinIds} (ids are UUIDs: no comma), the org id.
     */
    public static final String MEMBER_IDENTITIES = """
            SELECT i.provider AS provider, i.external_id AS external_id, groupUniqArray(t.team_id) AS team_ids
            FROM person_identities AS i
            INNER JOIN (SELECT team_id, member FROM teams ARRAY JOIN members AS member
                        WHERE org_id = ? AND is_deleted = 0 AND has(splitByChar(',', ?), team_id)) AS t
                    ON toString(i.person_id) = t.member
            WHERE i.org_id = ? AND i.is_deleted = 0
            GROUP BY i.provider, i.external_id""";

    /**
     * A subquery of the {@code repo_id}s of a team's repositories: those whose full name matches one of the team's
     * {@code repo_patterns} (identity's team mappings; {@code *} any run of characters, {@code ?} one character,
     * everything else literal). Its query parameters: {@code {org:UUID}} and {@code {team:String}} (the team id).
     */
    public static final String REPOSITORIES = """
            SELECT repo_id FROM repos
            WHERE org_id = {org:UUID} AND is_deleted = 0 AND arrayExists(pattern -> full_name LIKE pattern, (
                SELECT arrayMap(glob -> replaceAll(replaceAll(replaceAll(replaceAll(replaceAll(glob,
                                    '\\\\', '\\\\\\\\'), '%', '\\\\%'), '_', '\\\\_'), '*', '%'), '?', '_'),
                                any(repo_patterns))
                FROM teams WHERE org_id = {org:UUID} AND is_deleted = 0 AND team_id = {team:String}))""";

    private static final String FIND = """
            SELECT team_id, team_key, name FROM teams
            WHERE org_id = ? AND is_deleted = 0 AND (team_key = ? OR team_id = ?)
            ORDER BY team_key = ? DESC, team_id
            LIMIT 1""";

    private final ClickHouseQueries queries;

    TeamRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** The live team whose key (or, failing that, id) is {@code keyOrId}. */
    public Optional<Team> find(UUID orgId, String keyOrId) {
        List<Team> found = queries.list(FIND, row -> new Team(row.getString("team_id"), row.getString("team_key"),
                row.getString("name")), orgId, keyOrId, keyOrId, keyOrId);
        return found.stream().findFirst();
    }

    /** The {@link #MEMBER_IDENTITIES} parameter naming these teams. */
    public static String joinIds(List<Team> teams) {
        return String.join(",", teams.stream().map(Team::teamId).toList());
    }
}
