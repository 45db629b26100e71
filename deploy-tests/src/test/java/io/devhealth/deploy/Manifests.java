package io.devhealth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Rendered manifests parsed strictly into the fabric8 Kubernetes, Gateway API and Prometheus Operator models: an
 * unknown apiVersion/kind or an unknown field anywhere (a typo such as {@code readinesProbe}) is an error, not an
 * entry in the models' catch-all {@code additionalProperties}. The Altinity ClickHouse resources have no Java model:
 * they are kept generic, and their pod templates are parsed strictly into {@link PodSpec}s.
 */
final class Manifests {

    /** The API types DevHealth's manifests may use, by {@code apiVersion/kind}. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("gateway.networking.k8s.io/v1/Gateway", Gateway.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    /** Operator resources kept generic; their pod templates are checked like any workload's. */
    static final Map<String, String> OPERATOR_KINDS = Map.of(
            "clickhouse.altinity.com/v1/ClickHouseInstallation", "ClickHouseInstallation",
            "clickhouse-keeper.altinity.com/v1/ClickHouseKeeperInstallation", "ClickHouseKeeperInstallation");

    /** A pod as some object will create it: the owner, the pod's labels and its spec. */
    record Workload(String kind, String name, Map<String, String> podLabels, PodSpec spec) {
    }

    /** One rendered overlay: its typed objects, in kubectl's order, plus the operator resources' pod templates. */
    record Rendered(String overlay, List<HasMetadata> objects, List<Workload> operatorWorkloads) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return named(type, name).orElseThrow(
                    () -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
        }

        /** A ConfigMap by its name in k8s/, with or without the content hash a configMapGenerator appends. */
        ConfigMap configMap(String name) {
            return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)
                    || c.getMetadata().getName().matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}"))
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name));
        }

        /** Every pod the overlay creates: Deployments, StatefulSets, Jobs and the operator resources' templates. */
        List<Workload> workloads() {
            List<Workload> workloads = new ArrayList<>();
            for (Deployment d : all(Deployment.class)) {
                workloads.add(new Workload("Deployment", d.getMetadata().getName(),
                        labels(d.getSpec().getTemplate().getMetadata()), d.getSpec().getTemplate().getSpec()));
            }
            for (StatefulSet s : all(StatefulSet.class)) {
                workloads.add(new Workload("StatefulSet", s.getMetadata().getName(),
                        labels(s.getSpec().getTemplate().getMetadata()), s.getSpec().getTemplate().getSpec()));
            }
            for (Job j : all(Job.class)) {
                workloads.add(new Workload("Job", j.getMetadata().getName(),
                        labels(j.getSpec().getTemplate().getMetadata()), j.getSpec().getTemplate().getSpec()));
            }
            workloads.addAll(operatorWorkloads);
            return workloads;
        }

        private static Map<String, String> labels(ObjectMeta meta) {
            return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
        }
    }

    /** Unknown fields fail: Jackson's own check, with the models' any-setters switched off. */
    static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private static final ObjectMapper LENIENT = new YAMLMapper();

    private Manifests() {
    }

    /**
     * Parses kubectl's multi-document output.
     *
     * @throws IllegalArgumentException naming the document and field when an object has an unknown type or field
     */
    static Rendered parse(String overlay, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<Workload> operatorWorkloads = new ArrayList<>();
        try (var documents = LENIENT.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                String name = document.path("metadata").path("name").asText();
                if (OPERATOR_KINDS.containsKey(type)) {
                    GenericKubernetesResource resource = LENIENT.treeToValue(document, GenericKubernetesResource.class);
                    objects.add(resource);
                    operatorWorkloads.addAll(podTemplates(OPERATOR_KINDS.get(type), name, document));
                    continue;
                }
                Class<? extends HasMetadata> model = TYPES.get(type);
                if (model == null) {
                    throw new IllegalArgumentException(overlay + ": " + name + " has a type DevHealth does not use: " + type);
                }
                objects.add(strict(overlay + ": " + type + " " + name, document, model));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(overlay + ": kubectl's output is not YAML", e);
        }
        return new Rendered(overlay, List.copyOf(objects), List.copyOf(operatorWorkloads));
    }

    /** Parses {@code node} into {@code model}, failing on any field the model does not have. */
    static <T> T strict(String what, JsonNode node, Class<T> model) {
        try {
            return STRICT.treeToValue(node, model);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " does not parse strictly as " + model.getSimpleName() + ": "
                    + e.getOriginalMessage() + " at " + e.getLocation(), e);
        }
    }

    private static List<Workload> podTemplates(String kind, String name, JsonNode resource) {
        List<Workload> workloads = new ArrayList<>();
        for (JsonNode template : resource.path("spec").path("templates").path("podTemplates")) {
            String what = kind + " " + name + " podTemplate " + template.path("name").asText();
            ObjectMeta meta = template.has("metadata") ? strict(what, template.get("metadata"), ObjectMeta.class) : new ObjectMeta();
            PodSpec spec = strict(what, template.path("spec"), PodSpec.class);
            workloads.add(new Workload(kind, name + "/" + template.path("name").asText(),
                    meta.getLabels() == null ? Map.of() : meta.getLabels(), spec));
        }
        return workloads;
    }
}
