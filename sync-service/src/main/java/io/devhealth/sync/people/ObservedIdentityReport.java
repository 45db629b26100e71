package io.devhealth.sync.people;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.ObservedIdentities;
import io.devhealth.sync.metrics.ActivityIdentities;

/**
 * Reports the provider identities a sync run's rows name to identity-service ({@code observed-identities}), the
 * input of its mapping suggestions: git author and committer emails with their names, pull-request authors and
 * mergers, reviewers, review commenters, work-item assignees and reporters, incident acknowledgers and resolvers
 * (columns: {@link ActivityIdentities}). Sent in batches of at most {@value ObservedIdentities#MAX_BATCH}; identity
 * upserts them, so a report sent twice is harmless.
 *
 * <p>"The rows this run wrote" are found by the run's {@code version}: every source row a run writes carries it
 * (SyncContext.version), whatever the provider. Reading them back costs one pass over the organization's key range
 * reading the {@code version} column (about 8 MB per million rows) and needs nothing from the providers, including
 * those still to come, whereas collecting identities while writing would need a hook in every provider's writer and
 * would be lost with the process. Because the rows stay findable, a report identity could not take is retried: each
 * run is recorded in {@code observed_identity_reports} (V9) and every later run of the organization sends what is
 * still pending (at most {@code devhealth.people.report-attempts} tries each).
 *
 * <p>A report never fails the run: failures are logged (the message, never a token) and left pending.
 */
@ApplicationScoped
public class ObservedIdentityReport {

    private static final Logger LOG = Logger.getLogger(ObservedIdentityReport.class);

    private static final String ROWS = " WHERE org_id = {org:UUID} AND version = {version:UInt64} AND is_deleted = 0";
    static final String IDENTITIES_SQL = """
            SELECT provider, any(id) AS external_id, anyIf(name, name != '') AS name
            FROM
            (
                SELECT 'git' AS provider, author_email AS id, author_name AS name FROM commits %1$s
                UNION ALL SELECT 'git', committer_email, committer_name FROM commits %1$s
                UNION ALL SELECT provider, author_login, '' FROM pull_requests %1$s
                UNION ALL SELECT provider, merged_by_login, '' FROM pull_requests %1$s
                UNION ALL SELECT {provider:String}, reviewer_login, '' FROM pull_request_reviews %1$s
                UNION ALL SELECT {provider:String}, author_login, '' FROM pull_request_review_comments %1$s
                UNION ALL SELECT provider, %2$s, %3$s FROM work_items %1$s
                UNION ALL SELECT provider, %4$s, %5$s FROM work_items %1$s
                UNION ALL SELECT provider, %6$s, '' FROM incidents %1$s
                UNION ALL SELECT provider, %7$s, '' FROM incidents %1$s
            )
            WHERE id != '' AND provider IN ('git', 'github', 'gitlab', 'jira', 'pagerduty')
            GROUP BY provider, lowerUTF8(id)
            ORDER BY provider, lowerUTF8(id)
            """.formatted(ROWS, ActivityIdentities.WORK_ITEM_ASSIGNEE, ActivityIdentities.WORK_ITEM_ASSIGNEE_NAME,
            ActivityIdentities.WORK_ITEM_REPORTER, ActivityIdentities.WORK_ITEM_REPORTER_NAME,
            ActivityIdentities.INCIDENT_ACKNOWLEDGER, ActivityIdentities.INCIDENT_RESOLVER);

    private static final String PENDING_SQL = """
            SELECT version, argMax(provider, (updated_at, reported, attempts)) AS provider,
                argMax(reported, (updated_at, reported, attempts)) AS done, argMax(attempts, (updated_at, reported, attempts)) AS tries
            FROM observed_identity_reports WHERE org_id = {org:UUID}
            GROUP BY version HAVING done = 0 AND tries < {max:UInt32}
            ORDER BY version""";

    private static final String RECORD_SQL = """
            INSERT INTO observed_identity_reports (org_id, version, provider, reported, attempts, updated_at)
            SELECT {org:UUID}, {version:UInt64}, {provider:String}, {reported:UInt8}, {attempts:UInt32}, now64(3)""";

    private final Client client;
    private final IdentityClient identity;
    private final int maxAttempts;

    ObservedIdentityReport(Client client, IdentityClient identity,
            @ConfigProperty(name = "devhealth.people.report-attempts", defaultValue = "10") int maxAttempts) {
        this.client = client;
        this.identity = identity;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Reports the identities of the run that wrote {@code version} (of {@code provider}), and those of earlier runs
     * of the organization whose report failed. Never throws.
     *
     * @return identities identity recorded in this call
     */
    public long report(UUID orgId, long version, String provider) {
        long recorded = 0;
        try {
            record(orgId, version, provider, false, 0);
            for (GenericRecord pending : client.queryAll(PENDING_SQL,
                    Map.of("org", orgId.toString(), "max", Integer.toString(maxAttempts)), traced(new QuerySettings()))) {
                long pendingVersion = pending.getLong("version");
                String pendingProvider = pending.getString("provider");
                int attempts = pending.getInteger("tries");
                try {
                    recorded += send(orgId, identities(orgId, pendingVersion, pendingProvider));
                    record(orgId, pendingVersion, pendingProvider, true, attempts + 1);
                } catch (RuntimeException e) {
                    record(orgId, pendingVersion, pendingProvider, false, attempts + 1);
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("reporting observed identities of organization %s failed (retried after its next run): %s",
                    orgId, e.getMessage());
        }
        return recorded;
    }

    /** The identities named by the rows with {@code version}, cleaned to what identity accepts. */
    List<ObservedIdentities.Identity> identities(UUID orgId, long version, String provider) {
        List<ObservedIdentities.Identity> identities = new ArrayList<>();
        for (GenericRecord row : client.queryAll(IDENTITIES_SQL, Map.of("org", orgId.toString(), "version",
                Long.toString(version), "provider", provider == null ? "" : provider), traced(new QuerySettings()))) {
            ObservedIdentityRules.clean(row.getString("provider"), row.getString("external_id"),
                    row.getString("name")).ifPresent(identities::add);
        }
        return identities;
    }

    private long send(UUID orgId, List<ObservedIdentities.Identity> identities) {
        long recorded = 0;
        for (int from = 0; from < identities.size(); from += ObservedIdentities.MAX_BATCH) {
            List<ObservedIdentities.Identity> batch = identities.subList(from,
                    Math.min(identities.size(), from + ObservedIdentities.MAX_BATCH));
            recorded += identity.observeIdentities(orgId, new ObservedIdentities(List.copyOf(batch)));
        }
        return recorded;
    }

    private void record(UUID orgId, long version, String provider, boolean reported, int attempts) {
        Map<String, Object> params = Map.of("org", orgId.toString(), "version", Long.toString(version), "provider",
                provider == null ? "" : provider, "reported", reported ? "1" : "0", "attempts",
                Integer.toString(attempts));
        try {
            client.execute(RECORD_SQL, params, traced(new CommandSettings())).get(60, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an identity report", e);
        } catch (Exception e) {
            throw new IllegalStateException("recording an identity report failed: " + e.getMessage(), e);
        }
    }
}
