package io.devhealth.identity.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The superuser created on first start ({@code devhealth.bootstrap.*}; environment {@code DEVHEALTH_BOOTSTRAP_*}). */
@ConfigMapping(prefix = "devhealth.bootstrap")
public interface BootstrapConfig {

    @WithDefault("admin@devhealth.local")
    String adminEmail();

    /** Absent (the prod default): no superuser is created. Never logged. */
    Optional<String> adminPassword();
}
