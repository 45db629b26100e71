package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The alerts and the Grafana dashboard (k8s/monitoring, part of prod) use only metrics the services expose today
 * through Micrometer (each service's /q/metrics), so no alert silently watches a series that never exists.
 */
class MonitoringTests {

    /**
     * Metric families the services' Micrometer Prometheus registries publish (HTTP server latency as histograms,
     * analytics-service's ClickHouse reads: io.devhealth.support.metrics, QueryMetricsTests; sync runs, items and
     * rate-limit waits: RunExecutor, RunExecutorTests), plus Prometheus' up.
     */
    private static final List<String> EXPOSED = List.of("http_server_requests_seconds_", "http_client_requests_seconds_",
            "devhealth_clickhouse_query_seconds_", "devhealth_sync_runs_seconds_", "devhealth_sync_items_total",
            "devhealth_sync_rate_limit_wait", "devhealth_sync_runs_active", "jvm_", "process_");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @Test
    void alertsCoverFailingSyncsGrowingLagAndServerErrors() {
        PrometheusRule rule = Overlays.parsed("overlays/prod").get(PrometheusRule.class, "devhealth");
        List<Rule> rules = rule.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();

        assertThat(rules).extracting(Rule::getAlert)
                .contains("DevHealthSyncFailing", "DevHealthSyncRunsFailing", "DevHealthSyncLagGrowing",
                        "DevHealthHigh5xxRate");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.getFor()).isNotBlank();
            assertThat(r.getLabels()).containsKey("severity");
            assertThat(r.getAnnotations()).containsKeys("summary", "description");
        });
        for (Rule r : rules) {
            assertThat(unexposed(r.getExpr().getStrVal())).as(r.getAlert()).isEmpty();
        }
    }

    @Test
    void dashboardIsGrafanaJsonOverExposedMetrics() throws Exception {
        ConfigMap map = Overlays.parsed("overlays/prod").get(ConfigMap.class, "devhealth-grafana-dashboard");
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = new ObjectMapper().readTree(map.getData().get("devhealth.json"));

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size()).allSatisfy(e -> {
            assertThat(e).isNotBlank();
            assertThat(unexposed(e)).as(e).isEmpty();
        });
    }

    @Test
    void serviceMonitorScrapesTheServicesThatPublishMetrics() {
        Manifests.Rendered prod = Overlays.parsed("overlays/prod");
        ServiceMonitor monitor = prod.get(ServiceMonitor.class, "devhealth");

        List<Service> scraped = prod.all(Service.class).stream()
                .filter(s -> ManifestChecker.matches(monitor.getSpec().getSelector(), s.getMetadata().getLabels())).toList();
        assertThat(scraped).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("identity-service", "analytics-service", "sync-service");
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPath()).isEqualTo("/q/metrics");
            assertThat(scraped).allSatisfy(service -> assertThat(service.getSpec().getPorts())
                    .anySatisfy(p -> assertThat(p.getName()).isEqualTo(e.getPort())));
        });
    }

    @Test
    void anAlertOnAMetricNobodyExposesIsCaught() {
        assertThat(unexposed("rate(devhealth_sync_runs_total{outcome=\"failed\"}[5m]) > 0")).containsExactly("devhealth_sync_runs_total");
        assertThat(unexposed("absent(up{service=\"sync-service\"} == 1)")).isEmpty();
    }

    private static Set<String> unexposed(String expression) {
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = SELECTOR.matcher(expression);
        while (matcher.find()) {
            String metric = matcher.group(1);
            if (!metric.equals("up") && EXPOSED.stream().noneMatch(metric::startsWith)) {
                unknown.add(metric);
            }
        }
        return unknown;
    }
}
