package io.devhealth.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each overlay rendered once per test run (kubectl takes ~0.2 s each); parsed afresh for every caller. */
final class Overlays {

    private static final Map<String, String> YAML = new ConcurrentHashMap<>();
    private static volatile Map<String, ServiceConfig> services;

    private Overlays() {
    }

    /** The rendered YAML of {@code k8s/<overlay>}. */
    static String yaml(String overlay) {
        return YAML.computeIfAbsent(overlay, o -> Kustomize.render(Repo.root().resolve("k8s").resolve(o)));
    }

    /** A fresh, strictly parsed copy: tests may mutate it. */
    static Manifests.Rendered parsed(String overlay) {
        return Manifests.parse(overlay, yaml(overlay));
    }

    /** The Quarkus services' configuration as their sources declare it. */
    static Map<String, ServiceConfig> services() {
        if (services == null) {
            Map<String, ServiceConfig> read = new java.util.TreeMap<>();
            for (String service : ServiceConfig.SERVICES) {
                read.put(service, ServiceConfig.read(Repo.root(), service));
            }
            services = Map.copyOf(read);
        }
        return services;
    }

    static ManifestChecker checker() {
        return new ManifestChecker(services());
    }
}
