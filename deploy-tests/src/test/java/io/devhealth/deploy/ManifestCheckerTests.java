package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** The checker rejects what it must: each test breaks one rendered object and expects exactly that rule to bite. */
class ManifestCheckerTests {

    private final ManifestChecker checker = Overlays.checker();

    @Test
    void aMissingProbeIsRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        container(prod, "sync-service").setReadinessProbe(null);

        assertThat(checker.check(prod)).containsExactly(
                "overlays/prod: Deployment sync-service container sync-service: no readinessProbe",
                "overlays/prod: Deployment sync-service: the probe for /q/health/ready is not an httpGet of it on port http");
    }

    @Test
    void aRootPodAndAWritableRootFilesystemAreRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        Deployment identity = prod.get(Deployment.class, "identity-service");
        identity.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
        container(prod, "identity-service").getSecurityContext().setReadOnlyRootFilesystem(false);

        assertThat(checker.check(prod)).containsExactlyInAnyOrder(
                "overlays/prod: Deployment identity-service: pod securityContext.runAsNonRoot is not true",
                "overlays/prod: Deployment identity-service container identity-service: readOnlyRootFilesystem is not true");
    }

    @Test
    void aMissingMemoryLimitIsRejected() {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");
        Deployment analytics = dev.get(Deployment.class, "analytics-service");
        analytics.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().remove("memory");

        assertThat(checker.check(dev)).containsExactly(
                "overlays/dev: Deployment analytics-service container analytics-service: no memory limit");
    }

    @Test
    void aRouteToAMissingServiceOrPortIsRejected() {
        Manifests.Rendered base = Overlays.parsed("base");
        base.get(HTTPRoute.class, "analytics-service").getSpec().getRules().get(0).getBackendRefs().get(0).setPort(8080);

        assertThat(checker.check(base)).containsExactly(
                "base: HTTPRoute analytics-service: Service analytics-service has no port 8080");

        Manifests.Rendered ingress = Overlays.parsed("overlays/ingress");
        ingress.get(Ingress.class, "devhealth").getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend()
                .getService().setName("identity");
        assertThat(checker.check(ingress)).contains("overlays/ingress: Ingress devhealth: backend Service identity does not exist");
    }

    @Test
    void aContainerPortOtherThanQuarkusHttpPortIsRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        container(prod, "identity-service").getPorts().get(0).setContainerPort(8080);

        assertThat(checker.check(prod)).contains(
                "overlays/prod: Deployment identity-service: container port 'http' is not 8081 (its quarkus.http.port)");
    }

    @Test
    void anEnvironmentVariableThatSetsNoConfigurationKeyIsRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        container(prod, "analytics-service").getEnv().add(new EnvVar("DEVHEALTH_CLICKHOUSE_PASWORD", "x", null));
        // A key of another service is not one of this service's.
        container(prod, "analytics-service").getEnv().add(new EnvVar("DEVHEALTH_CREDENTIALS_MASTER_KEYS", "x", null));

        assertThat(checker.check(prod)).containsExactlyInAnyOrder(
                "overlays/prod: analytics-service: environment variable DEVHEALTH_CLICKHOUSE_PASWORD sets no configuration key of the service (application.properties, @ConfigMapping, @ConfigProperty)",
                "overlays/prod: analytics-service: environment variable DEVHEALTH_CREDENTIALS_MASTER_KEYS sets no configuration key of the service (application.properties, @ConfigMapping, @ConfigProperty)");
    }

    @Test
    void aConfigMapKeyThatSetsNoConfigurationKeyIsRejected() {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");
        dev.configMap("sync-service-config").getData().put("DEVHEALTH_SYNC_POLL_INTERVALL", "1m");

        assertThat(checker.check(dev)).containsExactly(
                "overlays/dev: sync-service: environment variable DEVHEALTH_SYNC_POLL_INTERVALL sets no configuration key of the service (application.properties, @ConfigMapping, @ConfigProperty)");
    }

    @Test
    void aCommittedSecretIsRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        Secret secret = new Secret();
        secret.setMetadata(new ObjectMeta());
        secret.getMetadata().setName("devhealth-service-secret");
        List<HasMetadata> objects = new ArrayList<>(prod.objects());
        objects.add(secret);

        assertThat(checker.check(new Manifests.Rendered("overlays/prod", objects, prod.operatorWorkloads()))).containsExactly(
                "overlays/prod: Secret devhealth-service-secret is committed: Secrets are created per cluster, never kept in k8s/");
    }

    @Test
    void networkPoliciesThatSelectNothingOrOpenTheDatabasesAreRejected() {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");
        dev.get(NetworkPolicy.class, "postgres-ingress").getSpec()
                .setPodSelector(new LabelSelector(null, java.util.Map.of(ManifestChecker.NAME, "postgresql")));
        NetworkPolicyPort postgres = new NetworkPolicyPort(null, new IntOrString(5432), "TCP");
        dev.get(NetworkPolicy.class, "sync-egress").getSpec().getEgress().get(0).getPorts().add(postgres);

        assertThat(checker.check(dev)).containsExactlyInAnyOrder(
                "overlays/dev: NetworkPolicy postgres-ingress: its podSelector matches no pod",
                "overlays/dev: NetworkPolicy sync-egress: lets sync-service connect to port 5432");
    }

    @Test
    void tracesRecordedWithoutEgressToTheCollectorAreRejected() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        prod.all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().startsWith("analytics-service"))
                .forEach(map -> map.getData().put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.1"));
        assertThat(checker.check(prod)).isEmpty();

        List<HasMetadata> withoutExport = prod.objects().stream()
                .filter(o -> !(o instanceof NetworkPolicy && o.getMetadata().getName().equals("services-to-otel-collector")))
                .toList();

        assertThat(checker.check(new Manifests.Rendered("overlays/prod", withoutExport, prod.operatorWorkloads()))).containsExactly(
                "overlays/prod: analytics-service: records traces (sampler ratio 0.1) but no NetworkPolicy lets it reach "
                        + "http://otel-collector.observability:4317");
    }

    @Test
    void anIngressPeerThatIsNotAllowedIsRejected() {
        Manifests.Rendered dev = Overlays.parsed("overlays/dev");
        // analytics-service may reach ClickHouse, never PostgreSQL.
        dev.get(NetworkPolicy.class, "postgres-ingress").getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
                .getMatchLabels().put(ManifestChecker.NAME, "analytics-service");

        assertThat(checker.check(dev)).containsExactly(
                "overlays/dev: NetworkPolicy postgres-ingress: lets analytics-service reach postgres");
    }

    @Test
    void anUnknownFieldFailsTheStrictParse() {
        String yaml = Overlays.yaml("base").replaceFirst("readinessProbe:", "readinesProbe:");

        assertThatThrownBy(() -> Manifests.parse("base", yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apps/v1/Deployment")
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void anUnknownKindFailsTheParse() {
        String yaml = Overlays.yaml("base") + "\n---\napiVersion: example.io/v1\nkind: Widget\nmetadata:\n  name: w\n";

        assertThatThrownBy(() -> Manifests.parse("base", yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.io/v1/Widget");
    }

    private static Container container(Manifests.Rendered rendered, String deployment) {
        return rendered.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
