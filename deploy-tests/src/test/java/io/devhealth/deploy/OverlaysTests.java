package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** Every overlay renders with kubectl kustomize, parses strictly, and passes every rule of {@link ManifestChecker}. */
class OverlaysTests {

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayPassesEveryRule(String overlay) {
        Manifests.Rendered rendered = Overlays.parsed(overlay);

        assertThat(rendered.all(Deployment.class)).hasSize(4);
        assertThat(Overlays.checker().check(rendered)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deployableOverlaysCreateTheirNamespaceUnderTheRestrictedPodSecurityStandard(String overlay) {
        if (overlay.equals("base")) {
            return; // the base is never applied alone: it has no namespace of its own
        }
        Manifests.Rendered rendered = Overlays.parsed(overlay);
        Set<String> used = new TreeSet<>();
        rendered.objects().stream().filter(o -> !(o instanceof Namespace))
                .forEach(o -> used.add(java.util.Objects.toString(o.getMetadata().getNamespace(), "(none: " + o.getKind() + " " + o.getMetadata().getName() + ")")));

        assertThat(used).singleElement().isNotNull();
        assertThat(rendered.get(Namespace.class, used.iterator().next()).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void devRunsOneReplicaOfEachWithDatabasesInside() {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");

        assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(dev.all(Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(dev.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("postgres", "clickhouse");
        assertThat(dev.all(Deployment.class)).allSatisfy(d -> assertThat(d.getMetadata().getNamespace()).isEqualTo("devhealth-dev"));
        // The single-node server has one user, the one its StatefulSet creates: analytics-service signs in with it.
        assertThat(dev.get(Deployment.class, "analytics-service").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().startsWith("DEVHEALTH_CLICKHOUSE_"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sync-service-clickhouse"));
    }

    @Test
    void devsPostgresCreatesTheRolesIdentitySignsInWith() throws java.io.IOException {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");
        // The one definition of the roles, as the local engine and the tests apply it.
        String roles = java.nio.file.Files.readString(Repo.root().resolve("k8s/components/postgres-roles/postgres-roles.sql"));
        java.util.Map<String, String> scripts = dev.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("postgres-roles")).findFirst().orElseThrow().getData();
        assertThat(scripts).containsEntry("postgres-roles.sql", roles).containsKey("init-roles.sh");
        var postgres = dev.get(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec();
        assertThat(postgres.getContainers().getFirst().getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/docker-entrypoint-initdb.d"));
        assertThat(postgres.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .anySatisfy(v -> assertThat(v.getConfigMap().getName()).startsWith("postgres-roles"));
        assertThat(dev.get(Deployment.class, "identity-service").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getEnv()).extracting(e -> e.getName())
                .contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");
    }

    @Test
    void prodAutoscalesEveryDeploymentAndUsesTlsToExternalDatabases() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");

        assertThat(prod.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("identity-service", "analytics-service", "sync-service", "dashboard");
        assertThat(prod.all(StatefulSet.class)).isEmpty();
        String authority = "/etc/devhealth/postgres-ca/ca.crt";
        assertThat(prod.configMap("identity-service-config").getData())
                .hasEntrySatisfying("QUARKUS_DATASOURCE_JDBC_URL",
                        url -> assertThat(url).contains("sslmode=verify-full").endsWith("sslrootcert=" + authority))
                .hasEntrySatisfying("QUARKUS_DATASOURCE_REACTIVE_URL", url -> assertThat(url).endsWith("sslmode=verify-full"))
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", authority)
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        // The CA is mounted where both pools read it.
        assertThat(prod.get(Deployment.class, "identity-service").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getVolumeMounts()).anySatisfy(m -> assertThat(authority).startsWith(m.getMountPath() + "/"));
        assertThat(prod.configMap("analytics-service-config").getData().get("DEVHEALTH_CLICKHOUSE_URL")).startsWith("https://");
        assertThat(prod.get(Gateway.class, "devhealth").getSpec().getListeners())
                .anySatisfy(l -> assertThat(l.getProtocol()).isEqualTo("HTTPS"));
    }

    @Test
    void ingressOverlayReplacesTheGatewayApiObjects() {
        Manifests.Rendered ingress = Overlays.parsed("overlays/ingress");

        assertThat(ingress.all(Gateway.class)).isEmpty();
        assertThat(ingress.all(HTTPRoute.class)).isEmpty();
        assertThat(ingress.all(Ingress.class)).hasSize(1);
    }

    @Test
    void clickHouseClusterHasTwoShardsOfTwoReplicasAndTheServicesKnowItsName() {
        Manifests.Rendered cluster = Overlays.parsed("overlays/clickhouse-cluster");

        GenericKubernetesResource chi = cluster.get(GenericKubernetesResource.class, "devhealth");
        List<Map<String, Object>> clusters = chi.get("spec", "configuration", "clusters");
        assertThat(clusters).hasSize(1);
        Map<String, Object> layout = (Map<String, Object>) clusters.get(0).get("layout");
        assertThat(layout).containsEntry("shardsCount", 2).containsEntry("replicasCount", 2);
        List<Map<String, Object>> keeperNodes = chi.get("spec", "configuration", "zookeeper", "nodes");
        GenericKubernetesResource keeper = cluster.get(GenericKubernetesResource.class, "devhealth-keeper");
        // The operator names a Keeper installation's Service keeper-<name>; Raft needs an odd quorum.
        assertThat(keeperNodes).singleElement().satisfies(n -> assertThat(n).containsEntry("host", "keeper-" + keeper.getMetadata().getName()));
        List<Map<String, Object>> keeperClusters = keeper.get("spec", "configuration", "clusters");
        assertThat(((Map<String, Object>) keeperClusters.get(0).get("layout")).get("replicasCount")).isEqualTo(3);

        for (String service : List.of("sync-service", "analytics-service")) {
            Map<String, String> config = cluster.configMap(service + "-config").getData();
            assertThat(config).containsEntry("DEVHEALTH_CLICKHOUSE_CLUSTER", (String) clusters.get(0).get("name"))
                    .containsEntry("DEVHEALTH_CLICKHOUSE_URL", "http://clickhouse-" + chi.getMetadata().getName() + ":8123");
        }
        assertThat(cluster.operatorWorkloads()).extracting(Manifests.Workload::name)
                .containsExactlyInAnyOrder("devhealth/clickhouse", "devhealth-keeper/keeper");
    }

    @Test
    void everySecretReferencedIsOneReadmeTellsHowToCreate() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher create = Pattern.compile("kubectl create secret (?:generic|tls) (\\S+)")
                .matcher(Files.readString(Repo.root().resolve("README.md")));
        while (create.find()) {
            documented.add(create.group(1));
        }
        Set<String> referenced = new TreeSet<>();
        for (String overlay : Kustomize.overlays()) {
            Manifests.Rendered rendered = Overlays.parsed(overlay);
            for (Manifests.Workload workload : rendered.workloads()) {
                for (Container container : workload.spec().getContainers()) {
                    container.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                            .forEach(e -> referenced.add(e.getValueFrom().getSecretKeyRef().getName()));
                }
                workload.spec().getVolumes().stream().filter(v -> v.getSecret() != null)
                        .forEach(v -> referenced.add(v.getSecret().getSecretName()));
            }
            rendered.all(Gateway.class).forEach(g -> g.getSpec().getListeners().stream().filter(l -> l.getTls() != null)
                    .forEach(l -> l.getTls().getCertificateRefs().forEach(ref -> referenced.add(ref.getName()))));
            rendered.all(Ingress.class).forEach(i -> i.getSpec().getTls().forEach(tls -> referenced.add(tls.getSecretName())));
        }

        assertThat(referenced).hasSizeGreaterThanOrEqualTo(8);
        assertThat(documented).isEqualTo(referenced);
    }

    @Test
    void serviceConfigurationIsReadFromTheSources() {
        Map<String, ServiceConfig> services = Overlays.services();

        assertThat(services.get("identity-service").httpPort()).isEqualTo(8081);
        assertThat(services.get("analytics-service").httpPort()).isEqualTo(8082);
        assertThat(services.get("sync-service").httpPort()).isEqualTo(8083);
        // application.properties (profile stripped), @ConfigMapping with a nested group, @ConfigProperty.
        assertThat(services.get("identity-service").keys()).contains("quarkus.datasource.reactive.url",
                "devhealth.auth.throttle.window", "devhealth.credentials.master-keys", "devhealth.service-secret");
        assertThat(services.get("sync-service").keys()).contains("devhealth.git.clone-cache",
                "devhealth.metrics.recompute.stale-after", "devhealth.people.report-attempts");
        assertThat(services.get("sync-service").keys()).doesNotContain("devhealth.sync.lease-seconds");
        assertThat(services.get("analytics-service").acceptsEnv("DEVHEALTH_CLICKHOUSE_URL")).isTrue();
        assertThat(services.get("analytics-service").acceptsEnv("QUARKUS_DATASOURCE_REACTIVE_URL")).isFalse();
        // A documented key counts only for the services it is documented for.
        assertThat(services.get("sync-service").acceptsEnv("DEVHEALTH_CLICKHOUSE_CLUSTER")).isTrue();
        assertThat(services.get("identity-service").acceptsEnv("DEVHEALTH_CLICKHOUSE_CLUSTER")).isFalse();
    }
}
