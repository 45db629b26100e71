package io.devhealth.sync.clickhouse.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.flywaydb.community.database.clickhouse.ClickHouseConfigurationExtension;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies the ClickHouse migrations in their cluster form when {@code devhealth.clickhouse.cluster} is set; does
 * nothing otherwise (single node: Flyway reads the shipped files unchanged).
 *
 * <p>Why Flyway itself, with its migration scripts rendered on read, rather than a runner of our own: Flyway keeps
 * doing what it does for one node (order, history, checksums, a second start is a no-op), and its ClickHouse support
 * creates {@code flyway_schema_history} {@code ON CLUSTER} as a ReplicatedMergeTree when given a cluster name. Its
 * default Keeper path is per shard; ours has no {@code {shard}}, so every node of the cluster is a replica of one
 * history and a pod connected to any node sees the same applied versions (the migrations themselves run
 * {@code ON CLUSTER}, once). The checksums are those of the rendered scripts: a database migrated as a single node
 * does not validate as a cluster one, which is right, since its tables are not the cluster's.
 */
@ApplicationScoped
@FlywayDataSource("clickhouse")
public class ClusterMigrations implements FlywayConfigurationCustomizer {

    /** Keeper path of Flyway's history table: one replicated history for the whole cluster. */
    static final String HISTORY_KEEPER_PATH = "/clickhouse/tables/devhealth_cluster/{database}/{table}";

    private final ClickHouseConfig config;

    public ClusterMigrations(ClickHouseConfig config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        String cluster = config.cluster().map(String::strip).orElse("");
        if (cluster.isEmpty()) {
            return;
        }
        ClusterDdl ddl = new ClusterDdl(cluster);
        Map<String, String> flywayClickHouse = new HashMap<>();
        flywayClickHouse.put("flyway.clickhouse.clusterName", cluster);
        flywayClickHouse.put("flyway.clickhouse.zookeeperPath", HISTORY_KEEPER_PATH);
        configuration.getPluginRegister().getPlugin(ClickHouseConfigurationExtension.class)
                .extractParametersFromConfiguration(flywayClickHouse);
        ResourceProvider shipped = configuration.getResourceProvider();
        if (shipped == null) {
            throw new IllegalStateException("Flyway has no resource provider to render the ClickHouse migrations from");
        }
        configuration.resourceProvider(rendering(shipped, ddl));
    }

    /** {@code shipped}'s resources, each read through {@link ClusterDdl#renderScript}. */
    static ResourceProvider rendering(ResourceProvider shipped, ClusterDdl ddl) {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                LoadableResource resource = shipped.getResource(name);
                return resource == null ? null : new Rendered(resource, ddl);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return shipped.getResources(prefix, suffixes).stream()
                        .<LoadableResource>map(r -> new Rendered(r, ddl)).toList();
            }
        };
    }

    private static final class Rendered extends LoadableResource {
        private final LoadableResource shipped;
        private final ClusterDdl ddl;

        Rendered(LoadableResource shipped, ClusterDdl ddl) {
            this.shipped = shipped;
            this.ddl = ddl;
        }

        @Override
        public Reader read() {
            try (Reader reader = shipped.read()) {
                StringBuilder script = new StringBuilder();
                reader.transferTo(new java.io.Writer() {
                    @Override
                    public void write(char[] chars, int off, int len) {
                        script.append(chars, off, len);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                });
                return new StringReader(ddl.renderScript(script.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + shipped.getFilename(), e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return shipped.getAbsolutePath();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return shipped.getAbsolutePathOnDisk();
        }

        @Override
        public String getFilename() {
            return shipped.getFilename();
        }

        @Override
        public String getRelativePath() {
            return shipped.getRelativePath();
        }
    }
}
