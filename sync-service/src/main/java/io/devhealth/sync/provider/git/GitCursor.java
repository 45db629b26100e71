package io.devhealth.sync.provider.git;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The git provider's cursor, stored by identity-service on the sync configuration as JSON:
 * <pre>{"format": 1, "repositoryPath": "/real/path", "refs": {"refs/heads/main": "&lt;sha&gt;", …}}</pre>
 * {@code refs} holds every branch, remote-tracking branch and tag after the last successful run (annotated tags
 * peeled to their commit). The next run is a no-op when the refs are unchanged, and otherwise extracts only
 * commits not reachable from those tips. A cursor for another path (the configuration was edited) is ignored:
 * the run is a full sync of the new repository.
 *
 * @param repositoryPath real path of the repository the refs belong to
 * @param refs           ref name → object name
 */
record GitCursor(String repositoryPath, Map<String, String> refs) {

    static final int FORMAT = 1;

    /** The previous run's cursor if it belongs to {@code repositoryPath}; {@code null} for a full sync. */
    static GitCursor from(Map<String, Object> cursor, String repositoryPath) {
        if (cursor == null || !(cursor.get("refs") instanceof Map<?, ?> rawRefs)
                || !repositoryPath.equals(cursor.get("repositoryPath"))
                || !(cursor.get("format") instanceof Number format) || format.intValue() != FORMAT) {
            return null;
        }
        Map<String, String> refs = new TreeMap<>();
        for (Map.Entry<?, ?> e : rawRefs.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof String sha)) {
                return null;
            }
            refs.put(name, sha);
        }
        return new GitCursor(repositoryPath, refs);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("format", FORMAT);
        map.put("repositoryPath", repositoryPath);
        map.put("refs", new TreeMap<>(refs));
        return map;
    }
}
