package io.devhealth.identity.sync.service;

import java.util.Map;

/** What a caller asks to create; {@code scheduleIntervalSeconds} null means on demand only. */
public record NewSyncConfiguration(String name, String provider, Map<String, Object> options,
        Integer scheduleIntervalSeconds, boolean enabled) {
}
