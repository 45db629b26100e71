package io.devhealth.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

class AnalyticsConfigTests {

    private static SmallRyeConfig config(String maxRangeDays) {
        Map<String, String> values = maxRangeDays == null ? Map.of()
                : Map.of("devhealth.analytics.max-range-days", maxRangeDays);
        // Quarkus' converter reads the mapping's "30s" defaults, as in the application.
        return new SmallRyeConfigBuilder().withMapping(AnalyticsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new MapBackedConfigSource("test", values) {
                }).build();
    }

    @Test
    void maxRangeDaysDefaultsTo366AndTakesAnyPositiveNumber() {
        assertThat(config(null).getConfigMapping(AnalyticsConfig.class).maxRangeDays()).isEqualTo(366);
        assertThat(config(" 31 ").getConfigMapping(AnalyticsConfig.class).maxRangeDays()).isEqualTo(31);
    }

    @Test
    void maxRangeDaysBelowOneStopsTheConfigurationWithTheKeyNamed() {
        assertThatThrownBy(() -> config("0")).hasMessageContaining("devhealth.analytics.max-range-days")
                .hasStackTraceContaining("must be at least 1, was 0");
        assertThatThrownBy(() -> config("-5")).hasStackTraceContaining("must be at least 1, was -5");
    }
}
