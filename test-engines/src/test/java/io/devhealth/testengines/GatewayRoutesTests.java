package io.devhealth.testengines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The local gateway (nginx) and the Kubernetes Gateway API routes must route the same prefixes to the same services. */
class GatewayRoutesTests {

    private static final Pattern NGINX_LOCATION = Pattern.compile(
            "location (/api/v1/[a-z]+)/ \\{\\s*proxy_pass http://([a-z-]+);");
    private static final Pattern HTTP_ROUTE = Pattern.compile(
            "kind: HTTPRoute.*?value: (/api/v1/[a-z]+)\\}.*?name: ([a-z-]+), port", Pattern.DOTALL);

    @Test
    void nginxAndHttpRoutesAgree() throws Exception {
        Path root = Scripts.repoRoot();
        Map<String, String> nginx = routes(NGINX_LOCATION, Files.readString(root.resolve("dev/gateway/nginx.conf.template")));
        Map<String, String> kubernetes = routes(HTTP_ROUTE, Files.readString(root.resolve("k8s/base/gateway.yaml")));

        assertThat(nginx).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "/api/v1/analytics", "analytics-service",
                "/api/v1/identity", "identity-service",
                "/api/v1/sync", "sync-service")));
        assertThat(kubernetes).isEqualTo(nginx);
    }

    private static Map<String, String> routes(Pattern pattern, String text) {
        Map<String, String> routes = new TreeMap<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            routes.put(matcher.group(1), matcher.group(2));
        }
        return routes;
    }
}
