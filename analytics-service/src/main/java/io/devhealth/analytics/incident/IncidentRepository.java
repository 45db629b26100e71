package io.devhealth.analytics.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.incident.IncidentItem.IncidentLink;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.Columns;

/**
 * Incidents of an organization ({@code incidents}, V1/V8) with their links ({@code incident_links}, V10) and the
 * caused deployment's finish ({@code deployment_facts}, V3), newest first by keyset (creation time, provider,
 * incident id). Live rows only: the read policy's FINAL plus {@code is_deleted = 0}.
 */
@ApplicationScoped
public class IncidentRepository {

    /*
     * The flags "linked" and "fact" tell a joined row from ClickHouse's defaults for an unmatched LEFT JOIN.
     * All: 1 = every incident, 0 = only those the incident rules count. Repository: '' = all, else the incidents
     * whose repositories (their own or their linked deployment's) include a repository with that id or full name.
     * Status and urgency (case-insensitively): '' = all. After: 0 = from the newest, else strictly after
     * (created_at, provider, incident_id) in listing order.
     */
    private static final String PAGE = """
            SELECT i.provider AS provider, i.incident_id AS incident_id, i.incident_number AS incident_number,
                   i.title AS title, i.status AS status, i.urgency AS urgency, i.service AS service,
                   arrayDistinct(arrayConcat(if(i.repo_id IS NULL, CAST([] AS Array(UUID)), [assumeNotNull(i.repo_id)]),
                                             i.repo_ids)) AS own_repo_ids,
                   i.team_keys AS team_keys, i.counts_as_incident AS counts_as_incident, i.created_at AS created_at,
                   i.acknowledged_at AS acknowledged_at, i.resolved_at AS resolved_at, i.url AS url,
                   l.linked AS linked, l.link_method AS link_method, l.reason AS reason, l.repo_id AS link_repo_id,
                   lr.full_name AS link_repo, l.deployment_id AS link_deployment_id,
                   l.remediation_deployment_id AS remediation_deployment_id, l.recovered_at AS link_recovered_at,
                   f.fact AS fact, f.finished_at AS deployment_finished_at
            FROM incidents AS i
            LEFT JOIN (SELECT provider, incident_id, 1 AS linked, link_method, reason, repo_id, deployment_id,
                              remediation_deployment_id, recovered_at
                       FROM incident_links WHERE org_id = ? AND is_deleted = 0) AS l
                   ON l.provider = i.provider AND l.incident_id = i.incident_id
            LEFT JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ? AND is_deleted = 0) AS lr
                   ON lr.repo_id = l.repo_id
            LEFT JOIN (SELECT repo_id, deployment_id, 1 AS fact, max(finished_at) AS finished_at
                       FROM deployment_facts WHERE org_id = ? AND is_deleted = 0 GROUP BY repo_id, deployment_id) AS f
                   ON f.repo_id = l.repo_id AND f.deployment_id = l.deployment_id
            WHERE i.org_id = ? AND i.is_deleted = 0 AND toDate(i.created_at) BETWEEN ? AND ?
              AND (? = 1 OR i.counts_as_incident = 1)
              AND (? = '' OR hasAny(arrayConcat(own_repo_ids, if(l.repo_id IS NULL, CAST([] AS Array(UUID)),
                                                                [assumeNotNull(l.repo_id)])),
                                    (SELECT groupArray(repo_id) FROM repos
                                     WHERE org_id = ? AND is_deleted = 0
                                       AND (repo_id = toUUIDOrNull(?) OR full_name = ?))))
              AND (? = '' OR i.status = ?)
              AND (? = '' OR lowerUTF8(i.urgency) = lowerUTF8(?))
              AND (? = 0 OR (i.created_at, i.provider, i.incident_id) < (fromUnixTimestamp64Milli(?, 'UTC'), ?, ?))
            ORDER BY i.created_at DESC, i.provider DESC, i.incident_id DESC
            LIMIT ?""";

    private final ClickHouseQueries queries;

    IncidentRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * At most {@code limit} incidents triggered in the range (UTC days), newest first, after {@code after} (null:
     * from the newest). Filters are {@code ""} for all.
     *
     * @param all whether incidents the organization's rules do not count are listed too
     */
    List<IncidentItem> page(UUID orgId, DayRange range, boolean all, String repo, String status, String urgency,
            ListingCursor.NamedKey after, int limit) {
        return queries.list(PAGE, IncidentRepository::item, orgId, orgId, orgId, orgId, range.from(), range.to(),
                all ? 1 : 0, repo, orgId, repo, repo, status, status, urgency, urgency, after == null ? 0 : 1,
                after == null ? 0L : after.millis(), after == null ? "" : after.scope(),
                after == null ? "" : after.id(),
                limit);
    }

    private static IncidentItem item(ResultSet row) throws SQLException {
        Instant created = row.getObject("created_at", Instant.class);
        Instant resolved = row.getObject("resolved_at", Instant.class);
        boolean linked = row.getInt("linked") == 1;
        Instant recovered = linked && row.getObject("link_recovered_at", Instant.class) != null
                ? row.getObject("link_recovered_at", Instant.class) : resolved;
        long number = row.getLong("incident_number");
        return new IncidentItem(row.getString("provider"), row.getString("incident_id"), number == 0 ? null : number,
                row.getString("title"), row.getString("status"), row.getString("urgency"), row.getString("service"),
                Columns.uuids(row, "own_repo_ids"), Columns.strings(row, "team_keys"),
                row.getInt("counts_as_incident") == 1, created, row.getObject("acknowledged_at", Instant.class),
                resolved, recovered, hours(created, recovered), linked ? link(row, recovered) : null,
                row.getString("url"));
    }

    private static IncidentLink link(ResultSet row, Instant recovered) throws SQLException {
        Instant finished = row.getInt("fact") == 1 ? row.getObject("deployment_finished_at", Instant.class) : null;
        UUID repoId = row.getObject("link_repo_id", UUID.class);
        return new IncidentLink(row.getString("link_method"), emptyToNull(row.getString("reason")), repoId,
                repoId == null ? null : emptyToNull(row.getString("link_repo")),
                emptyToNull(row.getString("link_deployment_id")), finished,
                emptyToNull(row.getString("remediation_deployment_id")), hours(finished, recovered));
    }

    /** Hours from {@code start} to {@code end}; null when either is unknown; 0 when the end precedes the start. */
    private static Double hours(Instant start, Instant end) {
        if (start == null || end == null) {
            return null;
        }
        return Math.max(0, Duration.between(start, end).toMillis()) / 3_600_000.0;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
