package io.devhealth.sync.provider.git;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The git provider's cursor, stored by identity-service on the sync configuration as JSON:
 * <pre>{"format": 1, "repositoryPath": "/real/path", "refs": {"refs/heads/main": "&lt;sha&gt;", …}, "shallow": […]}</pre>
 * {@code refs} holds every branch, remote-tracking branch and tag the last successful run walked (annotated tags
 * peeled to their commit); {@code shallow} the shallow boundary commits of a shallow clone at that time (absent or
 * empty for a complete repository). The next run is a no-op when both are unchanged, and otherwise extracts only
 * commits not reachable from those tips, plus the history a deepened clone gained. A cursor for another path (the
 * configuration was edited) is ignored: the run is a full sync of the new repository.
 *
 * @param repositoryPath real path of the repository the refs belong to
 * @param refs           ref name → object name
 * @param shallow        shallow boundary commits, sorted
 */
record GitCursor(String repositoryPath, Map<String, String> refs, Set<String> shallow) {

    static final int FORMAT = 1;

    GitCursor {
        refs = new TreeMap<>(refs);
        shallow = new TreeSet<>(shallow);
    }

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
        Set<String> shallow = new TreeSet<>();
        if (cursor.get("shallow") instanceof List<?> rawShallow) {
            for (Object sha : rawShallow) {
                if (!(sha instanceof String s)) {
                    return null;
                }
                shallow.add(s);
            }
        }
        return new GitCursor(repositoryPath, refs, shallow);
    }

    /** Whether a run at {@code next} would find nothing new: same tips, same shallow boundary. */
    boolean unchangedAt(GitCursor next) {
        return refs.equals(next.refs) && shallow.equals(next.shallow);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("format", FORMAT);
        map.put("repositoryPath", repositoryPath);
        map.put("refs", new TreeMap<>(refs));
        if (!shallow.isEmpty()) {
            map.put("shallow", List.copyOf(shallow));
        }
        return map;
    }
}
