package io.devhealth.sync.sink;

import java.util.List;

/**
 * A ClickHouse table the sink writes, with the explicit column list of its {@code INSERT INTO t (…) FORMAT
 * RowBinary}: rows must be encoded in exactly this order. Listing columns (rather than relying on the table's
 * order) keeps old writers working when a later migration adds a column with a default.
 *
 * @param name    table name in the DevHealth database
 * @param columns column names in encoding order
 */
public record Table(String name, List<String> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** {@code repos} (migrations/clickhouse/V1__init.sql). */
    public static final Table REPOS = new Table("repos", List.of("org_id", "repo_id", "provider", "full_name", "url",
            "default_branch", "sync_configuration_id", "synced_at", "is_deleted", "version"));

    /** {@code commits}. */
    public static final Table COMMITS = new Table("commits", List.of("org_id", "repo_id", "sha", "parents",
            "is_merge", "author_name", "author_email", "authored_at", "author_tz_offset_minutes", "committer_name",
            "committer_email", "committed_at", "committer_tz_offset_minutes", "subject", "additions", "deletions",
            "files_changed", "is_deleted", "version"));

    /** {@code commit_stats}. */
    public static final Table COMMIT_STATS = new Table("commit_stats", List.of("org_id", "repo_id", "sha", "path",
            "change_type", "additions", "deletions", "is_binary", "authored_at", "committed_at", "is_deleted",
            "version"));
}
