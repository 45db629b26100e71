package io.devhealth.sync.provider.pagerduty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the organization's settings say about PagerDuty services:
 * <ul>
 * <li>{@code pagerduty.services}: {@code {"PABC123": {"repositories": ["acme/api"], "teams": ["payments"]}}} — the
 * repositories (full names as in {@code repos.full_name}) and team keys a service's incidents belong to. A full name
 * no synced repository has is left out with a warning (it may be synced later: the next run of the incident maps
 * it).</li>
 * <li>{@code incidents.rules.pagerDutyServiceIds}: the services whose incidents count as incidents (none listed: every
 * service). Incidents of other services are synced too, with {@code counts_as_incident = 0}, so a change of the rules
 * needs no new sync and the people who were paged still show.</li>
 * </ul>
 */
final class ServiceSettings {

    static final String SERVICES = "pagerduty.services";
    static final String RULES = "incidents.rules";

    /** Where one service's incidents belong. */
    record Mapping(List<UUID> repoIds, List<String> teamKeys) {
        static final Mapping NONE = new Mapping(List.of(), List.of());

        UUID firstRepo() {
            return repoIds.isEmpty() ? null : repoIds.getFirst();
        }
    }

    private final Map<String, Mapping> byService;
    private final Set<String> counting;

    private ServiceSettings(Map<String, Mapping> byService, Set<String> counting) {
        this.byService = byService;
        this.counting = counting;
    }

    /**
     * @param repositories lower-cased full name → repository ids ({@link RepositoryLookup}); asked only when a service
     *                     maps repositories
     * @param warnings     receives one warning per full name that names no synced repository
     */
    static ServiceSettings from(Map<String, Object> orgSettings, java.util.function.Supplier<Map<String, List<UUID>>> repositories,
            Set<String> warnings) {
        Map<String, Mapping> byService = new HashMap<>();
        Map<String, List<UUID>> repos = null;
        if (orgSettings.get(SERVICES) instanceof Map<?, ?> services) {
            for (var entry : services.entrySet()) {
                if (!(entry.getKey() instanceof String serviceId) || !(entry.getValue() instanceof Map<?, ?> mapping)) {
                    continue;
                }
                Set<UUID> repoIds = new LinkedHashSet<>();
                for (String name : strings(mapping.get("repositories"))) {
                    if (repos == null) {
                        repos = repositories.get();
                    }
                    List<UUID> ids = repos.get(RepositoryLookup.key(name));
                    if (ids == null) {
                        warnings.add(SERVICES + ": service " + serviceId + " names repository " + name
                                + ", which no sync has written yet; its incidents are stored without it");
                    } else {
                        repoIds.addAll(ids);
                    }
                }
                byService.put(serviceId, new Mapping(List.copyOf(repoIds),
                        List.copyOf(new TreeSet<>(strings(mapping.get("teams"))))));
            }
        }
        Set<String> counting = Set.of();
        if (orgSettings.get(RULES) instanceof Map<?, ?> rules) {
            counting = Set.copyOf(strings(rules.get("pagerDutyServiceIds")));
        }
        return new ServiceSettings(Map.copyOf(byService), counting);
    }

    Mapping mapping(String serviceId) {
        return byService.getOrDefault(serviceId, Mapping.NONE);
    }

    /** Whether the rules count incidents of {@code serviceId} (no services listed: all count). */
    boolean counts(String serviceId) {
        return counting.isEmpty() || counting.contains(serviceId);
    }

    private static List<String> strings(Object raw) {
        List<String> values = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.forEach(value -> {
                if (value instanceof String text && !text.isBlank()) {
                    values.add(text.strip());
                }
            });
        }
        return values;
    }
}
