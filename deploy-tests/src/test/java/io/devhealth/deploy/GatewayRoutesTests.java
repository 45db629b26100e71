package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;

/**
 * The local gateway (dev/gateway/nginx.conf.template) and the Kubernetes Gateway API routes (k8s/base/gateway.yaml,
 * as kubectl renders it) route the same API prefixes to the same services. Kubernetes also serves the dashboard at
 * {@code /}; the local nginx may too (issue #9), and when it proxies {@code /} it must be to the dashboard.
 */
class GatewayRoutesTests {

    // `location /api/v1/x/ { proxy_pass http://upstream;` → prefix without its trailing slash, upstream.
    private static final Pattern NGINX_PROXY = Pattern.compile("location\\s+(/\\S*?)/?\\s*\\{\\s*proxy_pass\\s+http://([a-z-]+)[^;]*;");

    @Test
    void nginxAndHttpRoutesServeTheSameApiPrefixes() throws Exception {
        Map<String, String> nginx = nginxRoutes(Files.readString(Repo.root().resolve("dev/gateway/nginx.conf.template")));
        Map<String, String> kubernetes = new TreeMap<>();
        for (HTTPRoute route : Overlays.parsed("base").all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (!rule.getBackendRefs().isEmpty()) {
                    rule.getMatches().forEach(m -> kubernetes.put(m.getPath().getValue(), rule.getBackendRefs().get(0).getName()));
                }
            }
        }

        assertThat(kubernetes).isEqualTo(new TreeMap<>(ManifestChecker.ROUTES));
        assertThat(withoutRoot(nginx)).isEqualTo(withoutRoot(kubernetes));
        // Until the dashboard's nginx location lands, / is nginx's 404 (not proxied); once it does, it is the dashboard.
        if (nginx.containsKey("/")) {
            assertThat(nginx.get("/")).isEqualTo(ManifestChecker.DASHBOARD);
        }
    }

    @Test
    void theNginxParserSeesProxiedLocationsOnly() {
        String conf = """
                location /api/v1/identity/ {
                    proxy_pass http://identity-service;
                }
                location / {
                    return 404 'none';
                }
                """;
        assertThat(nginxRoutes(conf)).containsExactlyEntriesOf(Map.of("/api/v1/identity", "identity-service"));
        assertThat(nginxRoutes(conf.replace("return 404 'none';", "proxy_pass http://dashboard;")))
                .containsEntry("/", "dashboard");
    }

    private static Map<String, String> nginxRoutes(String conf) {
        Map<String, String> routes = new TreeMap<>();
        Matcher matcher = NGINX_PROXY.matcher(conf);
        while (matcher.find()) {
            routes.put(matcher.group(1).isEmpty() ? "/" : matcher.group(1), matcher.group(2));
        }
        return routes;
    }

    private static Map<String, String> withoutRoot(Map<String, String> routes) {
        Map<String, String> api = new TreeMap<>(routes);
        api.remove("/");
        return api;
    }
}
