package io.devhealth.sync.provider.pagerduty;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.sink.ClickHouseWriteException;

/**
 * Repository ids by full name ({@code acme/api}, case-insensitive) from ClickHouse's {@code repos}: the live
 * repositories an organization's code-host syncs wrote. One full name may name repositories of several providers
 * (GitHub and GitLab); all of them are returned, ordered by provider and id.
 */
@ApplicationScoped
public class RepositoryLookup {

    private static final String REPOS = """
            SELECT lower(full_name) AS name, toString(repo_id) AS id FROM repos FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY provider, repo_id""";

    private final Client client;

    public RepositoryLookup(Client client) {
        this.client = client;
    }

    /** Lower-cased full name → the organization's repository ids of that name. */
    public Map<String, List<UUID>> byFullName(UUID orgId) {
        Map<String, List<UUID>> byName = new HashMap<>();
        try {
            for (GenericRecord row : client.queryAll(REPOS, Map.of("org", orgId.toString()), traced(new QuerySettings()))) {
                byName.computeIfAbsent(row.getString("name"), name -> new ArrayList<>())
                        .add(UUID.fromString(row.getString("id")));
            }
        } catch (RuntimeException e) {
            throw new ClickHouseWriteException("reading the organization's repositories failed: " + e.getMessage(), e);
        }
        return byName;
    }

    static String key(String fullName) {
        return fullName.strip().toLowerCase(Locale.ROOT);
    }
}
