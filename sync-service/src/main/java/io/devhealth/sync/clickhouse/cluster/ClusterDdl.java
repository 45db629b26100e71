package io.devhealth.sync.clickhouse.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the single-node ClickHouse migrations ({@code migrations/clickhouse}) in their cluster form. Pure: no I/O.
 *
 * <p>Each {@code CREATE TABLE t (…) ENGINE = XMergeTree(args) …} becomes two statements:
 * <ul>
 * <li>{@code t_local ON CLUSTER c} with {@code ReplicatedXMergeTree('/clickhouse/tables/{shard}/{database}/t_local',
 * '{replica}', args)} (the Keeper path is per shard, so the replicas of one shard share the data);</li>
 * <li>{@code t ON CLUSTER c AS t_local ENGINE = Distributed(c, currentDatabase(), t_local, cityHash64(org_id))}: every
 * row of an organization, and so every version of a row, lands on one shard, and {@code FINAL} (or argMax) computed
 * per shard is exact.</li>
 * </ul>
 * Readers and writers keep using {@code t}. {@code non_replicated_deduplication_window} is dropped from the local
 * table's settings: Replicated tables deduplicate inserts through Keeper ({@code replicated_deduplication_window}).
 * Column ALTERs go to both tables, mutations ({@code ALTER … UPDATE/DELETE}) and other data-part ALTERs to the local
 * table only. Statements whose cluster form is not defined here (materialized views, dictionaries, RENAME, tables
 * without {@code org_id} or with an engine outside the MergeTree family) are rejected with
 * {@link ClusterDdlException} naming the statement, never passed through silently.
 *
 * <p>The statement structure is found with a tokenizer that knows ClickHouse's quoting and comments (balanced
 * parentheses outside string literals), not by regexes over raw text; the tests check every rendered statement with
 * ClickHouse's own parser ({@code formatQuery}).
 */
public final class ClusterDdl {

    /** Suffix of the Replicated table under each Distributed one. */
    public static final String LOCAL_SUFFIX = "_local";
    /** The sharding key: one organization's rows on one shard. */
    public static final String SHARDING_KEY = "cityHash64(org_id)";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ENGINE = Pattern.compile("(?is)\\s*ENGINE\\s*=\\s*([A-Za-z]+)\\s*");
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+(.+)");
    private static final Pattern SIMPLE_TABLE_OP = Pattern.compile(
            "(?is)(TRUNCATE\\s+TABLE|OPTIMIZE\\s+TABLE)\\s+(IF\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)(.*)");
    private static final Pattern DROP_TABLE = Pattern.compile(
            "(?is)DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*(SYNC)?\\s*");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?is)CREATE\\s+(OR\\s+REPLACE\\s+)?VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s+(AS\\s.+)");
    private static final Pattern MERGE_TREE = Pattern.compile(
            "(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite)?MergeTree");
    private static final Pattern NON_REPLICATED_DEDUP = Pattern.compile(
            "(?i)\\s*non_replicated_deduplication_window\\s*=\\s*\\d+\\s*");

    private final String cluster;

    /**
     * @param cluster the cluster's name in the servers' {@code remote_servers} (letters, digits, underscores)
     * @throws ClusterDdlException when the name is not a plain identifier
     */
    public ClusterDdl(String cluster) {
        if (cluster == null || !NAME.matcher(cluster).matches()) {
            throw new ClusterDdlException("cluster name must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got: "
                    + cluster);
        }
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }

    /**
     * Renders a whole migration script: its statements (comments dropped) in cluster form, each ended by
     * {@code ;} and a blank line.
     *
     * @throws ClusterDdlException for a statement without a defined cluster form
     */
    public String renderScript(String script) {
        StringBuilder out = new StringBuilder();
        for (String statement : SqlStatements.split(script)) {
            for (String rendered : render(statement)) {
                out.append(rendered).append(";\n\n");
            }
        }
        return out.toString();
    }

    /**
     * Renders one statement (no trailing {@code ;}, comments allowed) into the statements to run on the cluster,
     * in order.
     *
     * @throws ClusterDdlException for a statement without a defined cluster form
     */
    public List<String> render(String statement) {
        String sql = SqlStatements.stripComments(statement).strip();
        String head = sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (head.startsWith("CREATE TABLE")) {
            return createTable(sql);
        }
        if (head.startsWith("ALTER TABLE")) {
            return alterTable(sql);
        }
        if (head.startsWith("INSERT ")) {
            // Through the Distributed table, which routes each row to its org's shard: run once, not ON CLUSTER.
            return List.of(sql);
        }
        if (head.startsWith("TRUNCATE TABLE") || head.startsWith("OPTIMIZE TABLE")) {
            Matcher m = SIMPLE_TABLE_OP.matcher(sql);
            if (!m.matches()) {
                throw rejected("unrecognised table statement", sql);
            }
            return List.of(m.group(1) + " " + nullToEmpty(m.group(2)) + m.group(3) + LOCAL_SUFFIX + onCluster()
                    + m.group(4));
        }
        if (head.startsWith("DROP TABLE")) {
            Matcher m = DROP_TABLE.matcher(sql);
            if (!m.matches()) {
                throw rejected("unrecognised DROP TABLE", sql);
            }
            String ifExists = nullToEmpty(m.group(1));
            String sync = m.group(3) == null ? "" : " SYNC";
            return List.of("DROP TABLE " + ifExists + m.group(2) + onCluster() + sync,
                    "DROP TABLE " + ifExists + m.group(2) + LOCAL_SUFFIX + onCluster() + sync);
        }
        if (head.startsWith("CREATE VIEW") || head.startsWith("CREATE OR REPLACE VIEW")) {
            // A plain view stores nothing: the same query over the Distributed tables, defined on every node.
            Matcher m = CREATE_VIEW.matcher(sql);
            if (!m.matches()) {
                throw rejected("unrecognised CREATE VIEW", sql);
            }
            return List.of("CREATE " + nullToEmpty(m.group(1)) + "VIEW " + nullToEmpty(m.group(2)) + m.group(3)
                    + onCluster() + " " + m.group(4));
        }
        if (head.startsWith("CREATE MATERIALIZED VIEW")) {
            throw rejected("a materialized view needs a per-shard target table and a local source; write its "
                    + "cluster form explicitly", sql);
        }
        if (head.startsWith("CREATE DICTIONARY")) {
            throw rejected("a dictionary's source and layout are per node; write its cluster form explicitly", sql);
        }
        if (head.startsWith("RENAME")) {
            throw rejected("renaming needs the local table, the Distributed table and its target renamed together",
                    sql);
        }
        throw rejected("no cluster form is defined for this statement", sql);
    }

    private List<String> createTable(String sql) {
        Matcher m = CREATE_TABLE.matcher(sql);
        if (!m.lookingAt()) {
            throw rejected("unrecognised CREATE TABLE (expected CREATE TABLE name (columns) ENGINE = …)", sql);
        }
        String ifNotExists = nullToEmpty(m.group(1));
        String table = m.group(2);
        int open = m.end() - 1;
        int close = SqlStatements.matchingParen(sql, open);
        String columns = sql.substring(open, close + 1);
        if (!SqlStatements.columnNames(columns.substring(1, columns.length() - 1)).contains("org_id")) {
            throw rejected("table " + table + " has no org_id column to shard by", sql);
        }
        String rest = sql.substring(close + 1);
        Matcher e = ENGINE.matcher(rest);
        if (!e.lookingAt()) {
            throw rejected("table " + table + " names no ENGINE", sql);
        }
        String engine = e.group(1);
        if (!MERGE_TREE.matcher(engine).matches()) {
            throw rejected("engine " + engine + " of table " + table + " has no Replicated form", sql);
        }
        String args = "";
        String tail = rest.substring(e.end());
        if (tail.startsWith("(")) {
            int argsClose = SqlStatements.matchingParen(tail, 0);
            args = tail.substring(1, argsClose).strip();
            tail = tail.substring(argsClose + 1);
        }
        String local = table + LOCAL_SUFFIX;
        String replicatedArgs = "'/clickhouse/tables/{shard}/{database}/" + local + "', '{replica}'"
                + (args.isEmpty() ? "" : ", " + args);
        String localDdl = "CREATE TABLE " + ifNotExists + local + onCluster() + "\n" + columns + "\nENGINE = Replicated"
                + engine + "(" + replicatedArgs + ")" + withoutNonReplicatedDedup(tail).stripTrailing();
        String distributedDdl = "CREATE TABLE " + ifNotExists + table + onCluster() + " AS " + local
                + "\nENGINE = Distributed(" + cluster + ", currentDatabase(), " + local + ", " + SHARDING_KEY + ")";
        return List.of(localDdl, distributedDdl);
    }

    private List<String> alterTable(String sql) {
        Matcher m = ALTER_TABLE.matcher(sql);
        if (!m.matches()) {
            throw rejected("unrecognised ALTER TABLE", sql);
        }
        String table = m.group(1);
        String actions = m.group(2);
        if (actions.toUpperCase(Locale.ROOT).startsWith("ON CLUSTER")) {
            throw rejected("the statement already names a cluster", sql);
        }
        String local = "ALTER TABLE " + table + LOCAL_SUFFIX + onCluster() + " " + actions;
        if (actions.toUpperCase(Locale.ROOT).matches("(?s)(UPDATE|DELETE)\\s.*")) {
            // A mutation (its SET list has commas of its own): rewrites the parts of every shard's local table.
            return List.of(local);
        }
        boolean allColumns = true;
        boolean allLocal = true;
        for (String action : SqlStatements.splitTopLevel(actions, ',')) {
            String a = action.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean column = a.matches("(ADD|MODIFY|DROP|RENAME|COMMENT|CLEAR) COLUMN .*");
            boolean partLevel = a.matches("(ADD|DROP|MATERIALIZE|CLEAR) (INDEX|PROJECTION|CONSTRAINT) .*")
                    || a.matches("MODIFY (TTL|SETTING|ORDER BY|SAMPLE BY) .*") || a.startsWith("REMOVE TTL")
                    || a.startsWith("MATERIALIZE COLUMN ");
            if (!column && !partLevel) {
                throw rejected("no cluster form is defined for ALTER action '" + abbreviate(action.strip()) + "'",
                        sql);
            }
            allColumns &= column;
            allLocal &= partLevel;
        }
        if (allColumns) {
            // The Distributed table's columns must follow the local table's, or reads and inserts through it break.
            return List.of(local, "ALTER TABLE " + table + onCluster() + " " + actions);
        }
        if (allLocal) {
            return List.of(local);
        }
        throw rejected("mixes column changes with data-part actions; split it into two statements", sql);
    }

    private String onCluster() {
        return " ON CLUSTER " + cluster;
    }

    private static String withoutNonReplicatedDedup(String tail) {
        Matcher s = Pattern.compile("(?is)\\bSETTINGS\\b(.*)$").matcher(tail);
        if (!s.find()) {
            return tail;
        }
        List<String> kept = new ArrayList<>();
        for (String setting : SqlStatements.splitTopLevel(s.group(1), ',')) {
            if (!NON_REPLICATED_DEDUP.matcher(setting).matches()) {
                kept.add(setting.strip());
            }
        }
        String before = tail.substring(0, s.start()).stripTrailing();
        return kept.isEmpty() ? before : before + "\nSETTINGS " + String.join(", ", kept);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 100 ? one : one.substring(0, 100) + "…";
    }

    private static ClusterDdlException rejected(String why, String sql) {
        return new ClusterDdlException("cannot render for a cluster: " + why + ": " + abbreviate(sql));
    }
}
