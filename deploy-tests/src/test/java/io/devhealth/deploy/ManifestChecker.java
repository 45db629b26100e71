package io.devhealth.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The rules every rendered overlay must satisfy. Each check returns what it found wrong as readable sentences
 * (empty: all good), so a test shows every problem at once and the negative tests can show a rule biting.
 */
final class ManifestChecker {

    /** The label every DevHealth and database pod carries; NetworkPolicies and Services select on it. */
    static final String NAME = "app.kubernetes.io/name";
    static final String DASHBOARD = "dashboard";
    static final int DASHBOARD_PORT = 8080;
    /** Which workloads may open connections to a port outside the namespace's pods (egress), by port. */
    static final Map<Integer, Set<String>> EGRESS_PORT_OWNERS = Map.of(
            5432, Set.of("identity-service"),
            8123, Set.of("sync-service", "analytics-service", "clickhouse"),
            8443, Set.of("sync-service", "analytics-service"),
            443, Set.of("sync-service"),
            4317, Set.of("identity-service", "analytics-service", "sync-service"));
    /** Which in-namespace workloads may connect to each workload (ingress); "gateway" is the labelled namespace. */
    static final Map<String, Set<String>> INGRESS_PEERS = Map.of(
            "identity-service", Set.of("gateway", "sync-service", "analytics-service", "monitoring"),
            "analytics-service", Set.of("gateway", "monitoring"),
            "sync-service", Set.of("gateway", "monitoring"),
            DASHBOARD, Set.of("gateway"),
            "postgres", Set.of("identity-service"),
            "clickhouse", Set.of("sync-service", "analytics-service", "clickhouse"),
            "clickhouse-keeper", Set.of("clickhouse", "clickhouse-keeper"));
    static final Map<String, String> NAMESPACE_PEERS = Map.of(
            "devhealth.io/gateway", "gateway", "devhealth.io/monitoring", "monitoring");
    /** The public routes, prefix → Service, that the gateway (and the local nginx) must serve and nothing more. */
    static final Map<String, String> ROUTES = Map.of(
            "/api/v1/identity", "identity-service",
            "/api/v1/analytics", "analytics-service",
            "/api/v1/sync", "sync-service",
            "/", DASHBOARD);

    private final Map<String, ServiceConfig> services;

    ManifestChecker(Map<String, ServiceConfig> services) {
        this.services = services;
    }

    List<String> check(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        problems.addAll(pods(rendered));
        problems.addAll(devhealthServices(rendered));
        problems.addAll(environment(rendered));
        problems.addAll(routes(rendered));
        problems.addAll(networkPolicies(rendered));
        return problems.stream().map(p -> rendered.overlay() + ": " + p).toList();
    }

    /** Every pod: non-root, seccomp, no token; every container: three probes, requests and a memory limit, locked down. */
    List<String> pods(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Manifests.Workload workload : rendered.workloads()) {
            String owner = workload.kind() + " " + workload.name();
            PodSecurityContext pod = Optional.ofNullable(workload.spec().getSecurityContext()).orElse(new PodSecurityContext());
            if (!Boolean.TRUE.equals(pod.getRunAsNonRoot())) {
                problems.add(owner + ": pod securityContext.runAsNonRoot is not true");
            }
            if (pod.getRunAsUser() != null && pod.getRunAsUser() == 0) {
                problems.add(owner + ": runs as user 0");
            }
            if (pod.getSeccompProfile() == null || !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
                problems.add(owner + ": pod seccompProfile is not RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(workload.spec().getAutomountServiceAccountToken())) {
                problems.add(owner + ": automountServiceAccountToken is not false");
            }
            List<Container> containers = new ArrayList<>(workload.spec().getContainers());
            containers.addAll(workload.spec().getInitContainers());
            for (Container container : containers) {
                problems.addAll(container(owner, container, workload.spec().getInitContainers().contains(container)));
            }
        }
        return problems;
    }

    private static List<String> container(String owner, Container container, boolean init) {
        List<String> problems = new ArrayList<>();
        String where = owner + " container " + container.getName();
        if (!init) {
            for (var probe : Map.of("startupProbe", Optional.ofNullable(container.getStartupProbe()),
                    "readinessProbe", Optional.ofNullable(container.getReadinessProbe()),
                    "livenessProbe", Optional.ofNullable(container.getLivenessProbe())).entrySet()) {
                if (probe.getValue().isEmpty()) {
                    problems.add(where + ": no " + probe.getKey());
                }
            }
        }
        ResourceRequirements resources = Optional.ofNullable(container.getResources()).orElse(new ResourceRequirements());
        Map<String, Quantity> requests = Optional.ofNullable(resources.getRequests()).orElse(Map.of());
        Map<String, Quantity> limits = Optional.ofNullable(resources.getLimits()).orElse(Map.of());
        if (!requests.containsKey("cpu") || !requests.containsKey("memory")) {
            problems.add(where + ": resources.requests lack cpu or memory");
        }
        if (!limits.containsKey("memory")) {
            problems.add(where + ": no memory limit");
        } else if (requests.containsKey("memory")
                && limits.get("memory").getNumericalAmount().compareTo(requests.get("memory").getNumericalAmount()) < 0) {
            problems.add(where + ": memory limit below its request");
        }
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            problems.add(where + ": readOnlyRootFilesystem is not true");
        } else if (container.getVolumeMounts().stream().map(VolumeMount::getMountPath).noneMatch("/tmp"::equals)) {
            problems.add(where + ": read-only root filesystem without a volume at /tmp");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            problems.add(where + ": privileged");
        }
        if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": capabilities do not drop ALL");
        } else if (!security.getCapabilities().getAdd().isEmpty()) {
            problems.add(where + ": adds capabilities " + security.getCapabilities().getAdd());
        }
        String image = Objects.requireNonNullElse(container.getImage(), "");
        String tag = image.contains("@") ? "digest" : image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        if (tag.isEmpty() || tag.equals("latest")) {
            problems.add(where + ": image " + image + " has no pinned tag");
        }
        return problems;
    }

    /** The Quarkus services and the dashboard: image, port, health paths, Service, ServiceAccount, HPA or replicas, PDB. */
    List<String> devhealthServices(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new TreeSet<>(services.keySet());
        expected.add(DASHBOARD);
        for (String name : expected) {
            Optional<Deployment> deployment = rendered.named(Deployment.class, name);
            if (deployment.isEmpty()) {
                problems.add("no Deployment " + name);
                continue;
            }
            problems.addAll(container(deployment.get()));
            problems.addAll(serviceFor(rendered, deployment.get(), httpPort(name)));
            problems.addAll(serviceAccount(rendered, deployment.get()));
            problems.addAll(scaling(rendered, deployment.get()));
        }
        return problems;
    }

    private int httpPort(String name) {
        return services.containsKey(name) ? services.get(name).httpPort() : DASHBOARD_PORT;
    }

    /** The container named like its Deployment: devhealth/<name> image, port http = quarkus.http.port, health probes. */
    private List<String> container(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
        if (container == null) {
            return List.of("Deployment " + name + " has no container " + name);
        }
        List<String> problems = new ArrayList<>();
        int port = httpPort(name);
        Optional<ContainerPort> http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst();
        if (http.isEmpty() || http.get().getContainerPort() != port) {
            problems.add("Deployment " + name + ": container port 'http' is not " + port
                    + (services.containsKey(name) ? " (its quarkus.http.port)" : ""));
        }
        String image = Objects.requireNonNullElse(container.getImage(), "");
        if (!image.startsWith("devhealth/" + name + ":") && !image.startsWith("devhealth/" + name + "@")) {
            problems.add("Deployment " + name + ": image " + image + " is not devhealth/" + name);
        }
        if (services.containsKey(name)) {
            problems.addAll(health(name, container));
        }
        if (pod.getTopologySpreadConstraints().isEmpty()) {
            problems.add("Deployment " + name + ": no topologySpreadConstraints");
        }
        return problems;
    }

    private static List<String> serviceAccount(Manifests.Rendered rendered, Deployment deployment) {
        String accountName = Objects.requireNonNullElse(deployment.getSpec().getTemplate().getSpec().getServiceAccountName(), "");
        Optional<ServiceAccount> account = rendered.named(ServiceAccount.class, accountName);
        if (account.isEmpty()) {
            return List.of("Deployment " + deployment.getMetadata().getName() + ": its ServiceAccount " + accountName + " does not exist");
        }
        if (!Boolean.FALSE.equals(account.get().getAutomountServiceAccountToken())) {
            return List.of("ServiceAccount " + accountName + ": automountServiceAccountToken is not false");
        }
        return List.of();
    }

    /** An autoscaler owns the count (and the Deployment leaves replicas unset), or a fixed count; a PDB covers the pods. */
    private static List<String> scaling(Manifests.Rendered rendered, Deployment deployment) {
        List<String> problems = new ArrayList<>();
        String name = deployment.getMetadata().getName();
        boolean scaled = rendered.all(HorizontalPodAutoscaler.class).stream().anyMatch(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                && name.equals(h.getSpec().getScaleTargetRef().getName()));
        if (!scaled && deployment.getSpec().getReplicas() == null) {
            problems.add("Deployment " + name + ": neither a HorizontalPodAutoscaler nor a replica count");
        }
        if (scaled && deployment.getSpec().getReplicas() != null) {
            problems.add("Deployment " + name + ": sets replicas although an autoscaler owns the count");
        }
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        if (rendered.all(PodDisruptionBudget.class).stream().noneMatch(b -> matches(b.getSpec().getSelector(), labels))) {
            problems.add("Deployment " + name + ": no PodDisruptionBudget selects its pods");
        }
        return problems;
    }

    private static List<String> health(String name, Container container) {
        List<String> problems = new ArrayList<>();
        Map<String, Probe> probes = new HashMap<>();
        probes.put("/q/health/started", container.getStartupProbe());
        probes.put("/q/health/ready", container.getReadinessProbe());
        probes.put("/q/health/live", container.getLivenessProbe());
        for (var probe : probes.entrySet()) {
            HTTPGetAction get = probe.getValue() == null ? null : probe.getValue().getHttpGet();
            if (get == null || !probe.getKey().equals(get.getPath()) || !new IntOrString("http").equals(get.getPort())) {
                problems.add("Deployment " + name + ": the probe for " + probe.getKey() + " is not an httpGet of it on port http");
            }
        }
        return problems;
    }

    private static List<String> serviceFor(Manifests.Rendered rendered, Deployment deployment, int port) {
        String name = deployment.getMetadata().getName();
        Optional<Service> service = rendered.named(Service.class, name);
        if (service.isEmpty()) {
            return List.of("Deployment " + name + ": no Service " + name);
        }
        List<String> problems = new ArrayList<>();
        if (!matches(service.get().getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels())) {
            problems.add("Service " + name + ": its selector does not match the Deployment's pods");
        }
        boolean http = service.get().getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port
                && (new IntOrString("http").equals(p.getTargetPort()) || new IntOrString(port).equals(p.getTargetPort())));
        if (!http) {
            problems.add("Service " + name + ": no port " + port + " to the container's http port");
        }
        return problems;
    }

    /**
     * Every environment variable of a Quarkus service's container (env and the ConfigMaps it loads) sets a key of
     * that service, or a documented one; referenced ConfigMaps exist; no Secret is ever part of the manifests.
     */
    List<String> environment(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Secret secret : rendered.all(Secret.class)) {
            problems.add("Secret " + secret.getMetadata().getName() + " is committed: Secrets are created per cluster, never kept in k8s/");
        }
        for (var entry : services.entrySet()) {
            Optional<Deployment> deployment = rendered.named(Deployment.class, entry.getKey());
            if (deployment.isEmpty()) {
                continue;
            }
            for (Container container : deployment.get().getSpec().getTemplate().getSpec().getContainers()) {
                Set<String> names = new TreeSet<>();
                container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() == null) {
                        problems.add(entry.getKey() + ": envFrom other than a ConfigMap");
                        continue;
                    }
                    Optional<ConfigMap> map = rendered.named(ConfigMap.class, source.getConfigMapRef().getName());
                    if (map.isEmpty()) {
                        problems.add(entry.getKey() + ": envFrom names a missing ConfigMap " + source.getConfigMapRef().getName());
                    } else {
                        names.addAll(Optional.ofNullable(map.get().getData()).orElse(Map.of()).keySet());
                    }
                }
                for (String name : names) {
                    if (!entry.getValue().acceptsEnv(name)) {
                        problems.add(entry.getKey() + ": environment variable " + name
                                + " sets no configuration key of the service (application.properties, @ConfigMapping, @ConfigProperty)");
                    }
                }
            }
        }
        return problems;
    }

    /** Gateway API routes and Ingresses: every backend exists with that port; exactly the public routes, over TLS. */
    List<String> routes(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        Map<String, String> served = new java.util.TreeMap<>();
        problems.addAll(httpRoutes(rendered, served));
        problems.addAll(gateways(rendered));
        problems.addAll(ingresses(rendered, served));
        if (!served.equals(new java.util.TreeMap<>(ROUTES))) {
            problems.add("the routes served are " + served + ", not " + new java.util.TreeMap<>(ROUTES));
        }
        return problems;
    }

    /** HTTPRoutes attach to an existing Gateway listener and send to existing Service ports; records what they serve. */
    private static List<String> httpRoutes(Manifests.Rendered rendered, Map<String, String> served) {
        List<String> problems = new ArrayList<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            String name = "HTTPRoute " + route.getMetadata().getName();
            for (ParentReference parent : route.getSpec().getParentRefs()) {
                Optional<Gateway> gateway = rendered.named(Gateway.class, parent.getName());
                if (gateway.isEmpty()) {
                    problems.add(name + ": parent Gateway " + parent.getName() + " does not exist");
                } else if (parent.getSectionName() != null && gateway.get().getSpec().getListeners().stream()
                        .noneMatch(l -> parent.getSectionName().equals(l.getName()))) {
                    problems.add(name + ": Gateway " + parent.getName() + " has no listener " + parent.getSectionName());
                }
            }
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef backend : rule.getBackendRefs()) {
                    problems.addAll(backend(rendered, name, backend.getName(), backend.getPort()));
                }
                if (!rule.getBackendRefs().isEmpty()) {
                    rule.getMatches().forEach(m -> served.put(m.getPath().getValue(), rule.getBackendRefs().get(0).getName()));
                }
            }
        }
        return problems;
    }

    /** Every Gateway terminates TLS with a certificate; its plain-HTTP listeners only redirect (no backends). */
    private static List<String> gateways(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Gateway gateway : rendered.all(Gateway.class)) {
            boolean tls = gateway.getSpec().getListeners().stream().anyMatch(l -> "HTTPS".equals(l.getProtocol())
                    && Optional.ofNullable(l.getTls()).map(ListenerTLSConfig::getCertificateRefs).filter(r -> !r.isEmpty()).isPresent());
            if (!tls) {
                problems.add("Gateway " + gateway.getMetadata().getName() + ": no HTTPS listener with a certificate");
            }
            for (Listener listener : gateway.getSpec().getListeners()) {
                boolean servesBackend = rendered.all(HTTPRoute.class).stream()
                        .filter(r -> r.getSpec().getRules().stream().anyMatch(rule -> !rule.getBackendRefs().isEmpty()))
                        .anyMatch(r -> r.getSpec().getParentRefs().stream()
                                .anyMatch(p -> p.getSectionName() == null || listener.getName().equals(p.getSectionName())));
                if ("HTTP".equals(listener.getProtocol()) && servesBackend) {
                    problems.add("Gateway " + gateway.getMetadata().getName() + ": plain-HTTP listener " + listener.getName() + " serves a backend");
                }
            }
        }
        return problems;
    }

    /** Ingresses: TLS, Prefix paths, existing Service ports; records what they serve. */
    private static List<String> ingresses(Manifests.Rendered rendered, Map<String, String> served) {
        List<String> problems = new ArrayList<>();
        for (Ingress ingress : rendered.all(Ingress.class)) {
            String name = "Ingress " + ingress.getMetadata().getName();
            if (ingress.getSpec().getTls().isEmpty()) {
                problems.add(name + ": no TLS");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var service = path.getBackend().getService();
                    problems.addAll(backend(rendered, name, service.getName(), service.getPort().getNumber()));
                    if (!"Prefix".equals(path.getPathType())) {
                        problems.add(name + ": path " + path.getPath() + " is not a Prefix path");
                    }
                    served.put(path.getPath(), service.getName());
                }
            }
        }
        return problems;
    }

    private static List<String> backend(Manifests.Rendered rendered, String route, String service, Integer port) {
        Optional<Service> target = rendered.named(Service.class, service);
        if (target.isEmpty()) {
            return List.of(route + ": backend Service " + service + " does not exist");
        }
        if (target.get().getSpec().getPorts().stream().map(ServicePort::getPort).noneMatch(p -> p.equals(port))) {
            return List.of(route + ": Service " + service + " has no port " + port);
        }
        return List.of();
    }

    /**
     * A default deny; every policy and in-namespace peer selects some pod; no rule opens all ports; only the
     * intended workloads reach the databases, the providers, and each other ({@link #EGRESS_PORT_OWNERS},
     * {@link #INGRESS_PEERS}).
     */
    List<String> networkPolicies(Manifests.Rendered rendered) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (all pods, Ingress and Egress, no rules)");
        }
        List<Map<String, String>> pods = rendered.workloads().stream().map(Manifests.Workload::podLabels).toList();
        for (NetworkPolicy policy : policies) {
            problems.addAll(selectors(policy, pods));
        }
        for (Manifests.Workload workload : rendered.workloads()) {
            problems.addAll(reachability(rendered, workload, policies));
        }
        problems.addAll(traceExport(rendered, policies));
        return problems;
    }

    /**
     * A service that records traces (QUARKUS_OTEL_TRACES_SAMPLER_ARG above 0) may connect to its collector's port
     * (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT): with a default deny, a missing egress rule drops every span silently.
     */
    private List<String> traceExport(Manifests.Rendered rendered, List<NetworkPolicy> policies) {
        List<String> problems = new ArrayList<>();
        for (String service : services.keySet()) {
            Optional<Deployment> deployment = rendered.named(Deployment.class, service);
            if (deployment.isEmpty()) {
                continue;
            }
            Map<String, String> env = environmentValues(rendered, deployment.get().getSpec().getTemplate().getSpec().getContainers().getFirst());
            String endpoint = env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
            double ratio = Double.parseDouble(env.getOrDefault("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0"));
            if (endpoint == null || ratio <= 0) {
                continue;
            }
            int port = URI.create(endpoint).getPort();
            Map<String, String> pod = deployment.get().getSpec().getTemplate().getMetadata().getLabels();
            boolean allowed = policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), pod))
                    .flatMap(p -> p.getSpec().getEgress().stream()).flatMap(rule -> rule.getPorts().stream())
                    .anyMatch(p -> p.getPort() != null && Objects.equals(p.getPort().getIntVal(), port));
            if (!allowed) {
                problems.add(service + ": records traces (sampler ratio " + ratio + ") but no NetworkPolicy lets it reach "
                        + endpoint);
            }
        }
        return problems;
    }

    /** A container's environment: its ConfigMaps' entries, then its own literal values (which win, as in the kubelet). */
    private static Map<String, String> environmentValues(Manifests.Rendered rendered, Container container) {
        Map<String, String> values = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                rendered.named(ConfigMap.class, source.getConfigMapRef().getName())
                        .map(ConfigMap::getData).ifPresent(values::putAll);
            }
        }
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> values.put(e.getName(), e.getValue()));
        return values;
    }

    /** The policy and its in-namespace peers select some pod; no rule leaves its ports open. */
    private static List<String> selectors(NetworkPolicy policy, List<Map<String, String>> pods) {
        List<String> problems = new ArrayList<>();
        String name = name(policy);
        if (pods.stream().noneMatch(labels -> matches(policy.getSpec().getPodSelector(), labels))) {
            problems.add(name + ": its podSelector matches no pod");
        }
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        policy.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom()));
        policy.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo()));
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                    && pods.stream().noneMatch(labels -> matches(peer.getPodSelector(), labels))) {
                problems.add(name + ": a peer's podSelector matches no pod");
            }
        }
        if (policy.getSpec().getIngress().stream().anyMatch(rule -> rule.getPorts().isEmpty())) {
            problems.add(name + ": an ingress rule opens every port");
        }
        if (policy.getSpec().getEgress().stream().anyMatch(rule -> rule.getPorts().isEmpty())) {
            problems.add(name + ": an egress rule opens every port");
        }
        return problems;
    }

    /** What the policies selecting this workload let it reach, and who they let reach it, against the intended paths. */
    private static List<String> reachability(Manifests.Rendered rendered, Manifests.Workload workload, List<NetworkPolicy> policies) {
        List<String> problems = new ArrayList<>();
        String pod = workload.podLabels().getOrDefault(NAME, workload.name());
        for (NetworkPolicy policy : policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), workload.podLabels())).toList()) {
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                for (NetworkPolicyPort port : rule.getPorts()) {
                    Integer number = port.getPort() == null ? null : port.getPort().getIntVal();
                    Set<String> owners = number == null ? null : EGRESS_PORT_OWNERS.get(number);
                    if (owners != null && !owners.contains(pod)) {
                        problems.add(name(policy) + ": lets " + pod + " connect to port " + number);
                    }
                }
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                Set<String> allowed = INGRESS_PEERS.getOrDefault(pod, Set.of());
                for (String peer : peerNames(rule.getFrom(), rendered)) {
                    if (!allowed.contains(peer)) {
                        problems.add(name(policy) + ": lets " + peer + " reach " + pod);
                    }
                }
            }
        }
        return problems;
    }

    private static String name(NetworkPolicy policy) {
        return "NetworkPolicy " + policy.getMetadata().getName();
    }

    /** Who a rule's peers are: in-namespace workloads by name, labelled namespaces by role, anything else as is. */
    private static Set<String> peerNames(List<NetworkPolicyPeer> peers, Manifests.Rendered rendered) {
        Set<String> names = new HashSet<>();
        if (peers.isEmpty()) {
            names.add("anyone");
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                names.add("ipBlock " + peer.getIpBlock().getCidr());
            } else if (peer.getNamespaceSelector() != null) {
                Map<String, String> labels = Optional.ofNullable(peer.getNamespaceSelector().getMatchLabels()).orElse(Map.of());
                names.add(labels.keySet().stream().map(NAMESPACE_PEERS::get).filter(Objects::nonNull).findFirst()
                        .orElse("namespaces " + labels));
            } else {
                rendered.workloads().stream().filter(w -> matches(peer.getPodSelector(), w.podLabels()))
                        .map(w -> w.podLabels().getOrDefault(NAME, w.name())).forEach(names::add);
            }
        }
        return names;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null || (Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).isEmpty()
                && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).isEmpty());
    }

    /** Kubernetes label-selector semantics: matchLabels and In, NotIn, Exists, DoesNotExist; empty selects all. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean byLabels = matches(selector.getMatchLabels(), labels);
        return byLabels && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(expression -> matches(expression, labels));
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector == null || selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        Predicate<String> in = v -> requirement.getValues().contains(v);
        return switch (requirement.getOperator()) {
            case "In" -> value != null && in.test(value);
            case "NotIn" -> value == null || !in.test(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        };
    }
}
