package io.devhealth.analytics.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Deployments of an organization, newest first, by keyset (creation time, repository, deployment id). */
@ApplicationScoped
public class DeploymentRepository {

    private static final UUID NO_REPO = new UUID(0, 0);

    /*
     * Repository: '' = all, else by id or full name. Environment and status: '' = all. After: 0 = from the newest,
     * else strictly after (created_at, repo_id, deployment_id) in listing order.
     */
    private static final String PAGE = """
            SELECT d.repo_id AS repo_id, r.full_name AS full_name, d.provider AS provider,
                   d.deployment_id AS deployment_id, d.environment AS environment, d.is_production AS is_production,
                   d.status AS status, d.commit_sha AS commit_sha, d.ref AS ref, d.created_at AS created_at,
                   d.finished_at AS finished_at, d.url AS url
            FROM deployments AS d
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ?) AS r ON r.repo_id = d.repo_id
            WHERE d.org_id = ? AND toDate(d.created_at) BETWEEN ? AND ?
              AND (? = '' OR r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)
              AND (? = '' OR d.environment = ?)
              AND (? = '' OR d.status = ?)
              AND (? = 0 OR (d.created_at, d.repo_id, d.deployment_id)
                             < (fromUnixTimestamp64Milli(?, 'UTC'), ?, ?))
            ORDER BY d.created_at DESC, d.repo_id DESC, d.deployment_id DESC
            LIMIT ?""";

    private static final RowMapper<DeploymentItem> ROW = row -> new DeploymentItem(
            row.getObject("repo_id", UUID.class), row.getString("full_name"), row.getString("provider"),
            row.getString("deployment_id"), row.getString("environment"), row.getInt("is_production") == 1,
            row.getString("status"), row.getString("commit_sha"), row.getString("ref"),
            row.getObject("created_at", Instant.class), row.getObject("finished_at", Instant.class),
            row.getString("url"));

    private final ClickHouseQueries queries;

    DeploymentRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * At most {@code limit} deployments created in the range (UTC days), newest first, after {@code after} (null:
     * from the newest). Filters are {@code ""} for all.
     */
    List<DeploymentItem> page(UUID orgId, DayRange range, String repo, String environment, String status,
            ListingCursor.Key after, int limit) {
        return queries.list(PAGE, ROW, orgId, orgId, range.from(), range.to(), repo, repo, repo, environment,
                environment, status, status, after == null ? 0 : 1, after == null ? 0L : after.millis(),
                after == null ? NO_REPO : after.repoId(), after == null ? "" : after.id(), limit);
    }
}
