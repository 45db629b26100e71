package io.devhealth.sync.provider.pagerduty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** PagerDuty provider settings ({@code devhealth.pagerduty.*}); per-configuration choices are its options. */
@ConfigMapping(prefix = "devhealth.pagerduty")
public interface PagerDutyConfig {

    /** API root used when a configuration has no {@code baseUrl} option. */
    @WithDefault(PagerDutyApi.PUBLIC_API)
    String apiUrl();

    /** Items per list page (PagerDuty allows up to 100). */
    @WithDefault("100")
    int pageSize();
}
