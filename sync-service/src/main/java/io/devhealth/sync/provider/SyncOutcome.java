package io.devhealth.sync.provider;

import java.util.List;
import java.util.Map;

/**
 * Result of a successful sync run.
 *
 * @param counts   rows written per table (e.g. {@code commits}, {@code commit_stats}, {@code repos}) plus provider
 *                 figures such as {@code missingObjects}
 * @param cursor   the cursor to store on the configuration (the next run's {@link SyncContext#cursor()})
 * @param warnings non-fatal problems fit for users, e.g. commits whose diff could not be computed
 */
public record SyncOutcome(Map<String, Long> counts, Map<String, Object> cursor, List<String> warnings) {

    public SyncOutcome {
        counts = counts == null ? Map.of() : counts;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
