package io.devhealth.sync.clickhouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.community.database.clickhouse.ClickHouseConfigurationExtension;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;

/**
 * The cluster form of every shipped migration statement, checked by ClickHouse's own parser ({@code formatQuery} on
 * the local engine) and by structure on the parser's canonical text; the single-node path left untouched.
 */
class ClusterDdlTests {

    private static final String CLUSTER = "devhealth";
    private static final Path MIGRATIONS = Path.of("..", "migrations", "clickhouse");
    private static final Pattern CREATE = Pattern.compile("(?is)^\\s*CREATE TABLE (\\w+)\\b.*");
    private static final Pattern ALTER = Pattern.compile("(?is)^\\s*ALTER TABLE (\\w+) (.*)");

    private static ClickHouseEngine engine;
    private final ClusterDdl ddl = new ClusterDdl(CLUSTER);

    @BeforeAll
    static void start() {
        engine = Engines.clickhouse();
    }

    @Test
    void everyMigrationStatementRendersToDdlClickHouseParses() throws IOException {
        List<Path> files = migrationFiles();
        assertThat(files).as("shipped migrations").hasSizeGreaterThanOrEqualTo(11);
        Set<String> tables = new LinkedHashSet<>();
        int statements = 0;
        for (Path file : files) {
            for (String statement : SqlStatements.split(Files.readString(file))) {
                statements++;
                String single = SqlStatements.stripComments(statement).strip();
                List<String> rendered = ddl.render(statement);
                List<String> formatted = new ArrayList<>();
                for (String sql : rendered) {
                    formatted.add(format(sql, file));
                }
                String what = file.getFileName() + ": " + single;
                for (String f : formatted) {
                    assertThat(f).as(what).contains("ON CLUSTER " + CLUSTER);
                }
                Matcher create = CREATE.matcher(single);
                Matcher alter = ALTER.matcher(single);
                if (create.matches()) {
                    String table = create.group(1);
                    tables.add(table);
                    assertThat(formatted).as(what).hasSize(2);
                    assertThat(formatted.get(0)).as(what)
                            .startsWith("CREATE TABLE " + table + "_local ON CLUSTER " + CLUSTER)
                            .containsPattern("ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/"
                                    + "\\{database\\}/" + table + "_local', '\\{replica\\}'")
                            .doesNotContain("non_replicated_deduplication_window");
                    assertThat(formatted.get(1)).as(what)
                            .startsWith("CREATE TABLE " + table + " ON CLUSTER " + CLUSTER + " AS " + table + "_local")
                            .endsWith("ENGINE = Distributed(" + CLUSTER + ", currentDatabase(), " + table
                                    + "_local, cityHash64(org_id))");
                    // The engine's own arguments (version, is_deleted) and the sort key survive.
                    Matcher engineArgs = Pattern.compile("ReplacingMergeTree\\(([^)]*)\\)").matcher(single);
                    assertThat(engineArgs.find()).as(what).isTrue();
                    assertThat(formatted.get(0)).as(what).contains("'{replica}', " + engineArgs.group(1) + ")");
                    assertThat(formatted.get(0)).as(what).contains(format(single, file).replaceAll(
                            "(?s)^.*?(ORDER BY [^\\n]*?)(\\s+SETTINGS.*)?$", "$1"));
                } else if (alter.matches()) {
                    String table = alter.group(1);
                    assertThat(tables).as(what + " alters a table created earlier").contains(table);
                    boolean mutation = alter.group(2).strip().toUpperCase().startsWith("UPDATE");
                    assertThat(formatted.get(0)).as(what)
                            .startsWith("ALTER TABLE " + table + "_local ON CLUSTER " + CLUSTER);
                    if (mutation) {
                        assertThat(formatted).as(what + ": mutations run on the local tables only").hasSize(1);
                    } else {
                        assertThat(formatted).as(what + ": columns change on both tables").hasSize(2);
                        assertThat(formatted.get(1)).as(what)
                                .startsWith("ALTER TABLE " + table + " ON CLUSTER " + CLUSTER);
                    }
                } else {
                    throw new AssertionError("a migration statement this test does not know: " + what);
                }
            }
        }
        assertThat(tables).as("tables created by the migrations").hasSizeGreaterThanOrEqualTo(33);
        assertThat(statements).as("statements checked").isGreaterThanOrEqualTo(97);
    }

    @Test
    void otherStatementsAreRenderedDeliberately() {
        assertThat(ddl.render("DROP TABLE IF EXISTS t")).containsExactly(
                "DROP TABLE IF EXISTS t ON CLUSTER devhealth", "DROP TABLE IF EXISTS t_local ON CLUSTER devhealth");
        assertThat(ddl.render("OPTIMIZE TABLE t FINAL")).containsExactly("OPTIMIZE TABLE t_local ON CLUSTER devhealth FINAL");
        assertThat(ddl.render("TRUNCATE TABLE t")).containsExactly("TRUNCATE TABLE t_local ON CLUSTER devhealth");
        assertThat(ddl.render("INSERT INTO t SELECT * FROM u")).containsExactly("INSERT INTO t SELECT * FROM u");
        assertThat(ddl.render("CREATE VIEW v AS SELECT org_id FROM t FINAL"))
                .containsExactly("CREATE VIEW v ON CLUSTER devhealth AS SELECT org_id FROM t FINAL");
        assertThat(ddl.render("CREATE TABLE s (org_id UUID, n UInt64) ENGINE = SummingMergeTree ORDER BY org_id"))
                .first().asString().contains("ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/{database}/s_local', '{replica}')");
        assertThat(ddl.render("ALTER TABLE t ADD INDEX i x TYPE minmax")).containsExactly(
                "ALTER TABLE t_local ON CLUSTER devhealth ADD INDEX i x TYPE minmax");
        for (String sql : List.of("DROP TABLE IF EXISTS t", "OPTIMIZE TABLE t FINAL", "TRUNCATE TABLE t",
                "CREATE VIEW v AS SELECT org_id FROM t FINAL", "ALTER TABLE t ADD INDEX i x TYPE minmax")) {
            for (String rendered : ddl.render(sql)) {
                assertThat(format(rendered, Path.of("inline"))).contains("ON CLUSTER devhealth");
            }
        }
    }

    @Test
    void statementsWithoutAClusterFormAreRejectedByName() {
        Map<String, String> rejected = Map.of(
                "CREATE MATERIALIZED VIEW mv TO t AS SELECT * FROM u", "materialized view",
                "CREATE DICTIONARY d (k UInt64) PRIMARY KEY k SOURCE(NULL()) LAYOUT(FLAT()) LIFETIME(0)", "dictionary",
                "RENAME TABLE a TO b", "renaming",
                "CREATE TABLE g (id UUID, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY id", "no org_id",
                "CREATE TABLE l (org_id UUID) ENGINE = Log", "engine Log",
                "ALTER TABLE t MODIFY COMMENT 'x'", "ALTER action",
                "GRANT SELECT ON t TO u", "no cluster form");
        rejected.forEach((sql, reason) -> assertThatThrownBy(() -> ddl.render(sql))
                .isInstanceOf(ClusterDdlException.class).hasMessageContaining(reason).hasMessageContaining(sql));
        assertThatThrownBy(() -> new ClusterDdl("dev health; DROP")).isInstanceOf(ClusterDdlException.class);
    }

    @Test
    void withoutAClusterFlywayReadsTheShippedFilesUnchanged() throws IOException {
        ResourceProvider shipped = shipped();
        FluentConfiguration configuration = new FluentConfiguration().resourceProvider(shipped);
        new ClusterMigrations(config(Optional.empty())).customize(configuration);
        assertThat(configuration.getResourceProvider()).isSameAs(shipped);
        assertThat(configuration.getPluginRegister().getPlugin(ClickHouseConfigurationExtension.class).getClusterName())
                .isNull();
        LoadableResource v1 = configuration.getResourceProvider().getResource("V1__init.sql");
        assertThat(read(v1)).isEqualTo(Files.readString(MIGRATIONS.resolve("V1__init.sql")));
    }

    @Test
    void withAClusterFlywayReadsRenderedScriptsAndKeepsOneReplicatedHistory() throws IOException {
        FluentConfiguration configuration = new FluentConfiguration().resourceProvider(shipped());
        new ClusterMigrations(config(Optional.of(CLUSTER))).customize(configuration);
        ClickHouseConfigurationExtension flywayClickHouse =
                configuration.getPluginRegister().getPlugin(ClickHouseConfigurationExtension.class);
        assertThat(flywayClickHouse.getClusterName()).isEqualTo(CLUSTER);
        assertThat(flywayClickHouse.getZookeeperPath()).doesNotContain("{shard}");
        Collection<LoadableResource> scripts = configuration.getResourceProvider().getResources("V", new String[] {".sql"});
        assertThat(scripts).hasSize(migrationFiles().size());
        LoadableResource v1 = configuration.getResourceProvider().getResource("V1__init.sql");
        assertThat(v1.getFilename()).isEqualTo("V1__init.sql");
        String rendered = read(v1);
        assertThat(rendered).isEqualTo(ddl.renderScript(Files.readString(MIGRATIONS.resolve("V1__init.sql"))))
                .contains("CREATE TABLE repos_local ON CLUSTER devhealth");
        for (String statement : SqlStatements.split(rendered)) {
            format(statement, Path.of("V1__init.sql (rendered script)"));
        }
    }

    private static String format(String sql, Path file) {
        try {
            return engine.queryWithParams("default", "SELECT formatQuery({q:String}) FORMAT RawBLOB", Map.of("q", tsvEscaped(sql)));
        } catch (IllegalStateException e) {
            throw new AssertionError(file.getFileName() + ": ClickHouse's parser rejects " + sql, e);
        }
    }

    /** Query parameter values are read in TabSeparated's escaped form. */
    private static String tsvEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    private static List<Path> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(
                    f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList();
        }
    }

    private static ClickHouseConfig config(Optional<String> cluster) {
        return new ClickHouseConfig() {
            public String url() { return engine.url(); }
            public String database() { return "default"; }
            public String username() { return engine.username(); }
            public String password() { return engine.password(); }
            public boolean compress() { return false; }
            public Optional<String> cluster() { return cluster; }
            public Migration migration() {
                return new Migration() {
                    public String username() { return engine.username(); }
                    public String password() { return engine.password(); }
                };
            }
        };
    }

    /** The shipped migration files, served the way Quarkus' provider serves the packaged ones. */
    private static ResourceProvider shipped() {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                Path file = MIGRATIONS.resolve(name);
                return Files.exists(file) ? resource(file) : null;
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                try {
                    return migrationFiles().stream().map(ClusterDdlTests::resource).toList();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    private static LoadableResource resource(Path file) {
        return new LoadableResource() {
            @Override
            public Reader read() {
                try {
                    return new StringReader(Files.readString(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            public String getAbsolutePath() { return file.toAbsolutePath().toString(); }
            public String getAbsolutePathOnDisk() { return getAbsolutePath(); }
            public String getFilename() { return file.getFileName().toString(); }
            public String getRelativePath() { return getFilename(); }
        };
    }

    private static String read(LoadableResource resource) throws IOException {
        try (Reader reader = resource.read()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0;) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        }
    }
}
