package io.devhealth.sync.provider.pagerduty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A pagerduty configuration's options as identity validated them: optional {@code serviceIds} (PagerDuty service ids;
 * none or empty: every service the credential sees) and optional {@code baseUrl} (the API root, e.g.
 * {@code https://api.eu.pagerduty.com} for the EU service region).
 */
record PagerDutyOptions(String baseUrl, List<String> serviceIds) {

    static PagerDutyOptions from(Map<String, Object> options, String defaultApiUrl) throws SyncFailedException {
        String baseUrl = options.get("baseUrl") instanceof String url && !url.isBlank() ? url : defaultApiUrl;
        Object raw = options.get("serviceIds");
        List<String> serviceIds = new ArrayList<>();
        if (raw != null) {
            if (!(raw instanceof List<?> list)) {
                throw new SyncFailedException("options.serviceIds must be a list of PagerDuty service ids");
            }
            for (Object id : list) {
                if (!(id instanceof String text) || text.isBlank()) {
                    throw new SyncFailedException("options.serviceIds must be a list of PagerDuty service ids");
                }
                serviceIds.add(text.strip());
            }
        }
        return new PagerDutyOptions(baseUrl, List.copyOf(serviceIds));
    }
}
