package io.devhealth.sync.metrics;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.ClickHouseConfig;

/**
 * The time zone each organization's daily tables were computed with ({@code metrics_time_zones}, V11). An organization
 * without a row has UTC tables: every table computed before V11 used UTC days.
 */
@ApplicationScoped
public class MetricsTimeZones {

    private static final String RECORDED = """
            SELECT count() AS found, any(time_zone) AS zone
            FROM (SELECT time_zone FROM metrics_time_zones FINAL WHERE org_id = {org:UUID})""";

    private static final String RECORD = """
            INSERT INTO metrics_time_zones (org_id, time_zone, computed_at, version)
            SELECT {org:UUID}, {tz:String}, fromUnixTimestamp64Milli({computed:Int64}, 'UTC'), {computed:Int64}""";

    private final MetricsStatements statements;

    @Inject
    MetricsTimeZones(Client client, ClickHouseConfig config) {
        this.statements = new MetricsStatements(client, config);
    }

    /** The zone the organization's daily tables were last computed with; UTC when never recorded. */
    public OrgTimeZone recorded(UUID orgId) {
        var row = statements.rows(RECORDED, Map.of("org", orgId.toString()), "metrics_time_zones").getFirst();
        if (row.getLong("found") == 0) {
            return OrgTimeZone.UTC;
        }
        String zone = row.getString("zone");
        return zone != null && java.time.ZoneId.getAvailableZoneIds().contains(zone) ? new OrgTimeZone(zone)
                : OrgTimeZone.UTC;
    }

    /** Records that every daily table of the organization has been computed with {@code zone}. */
    void record(UUID orgId, OrgTimeZone zone) {
        statements.execute(RECORD, Map.of("org", orgId.toString(), "tz", zone.id(), "computed",
                Long.toString(MetricsStatements.nextComputed())), "metrics_time_zones");
    }
}
