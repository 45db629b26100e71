package io.devhealth.sync.dora;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What marks a deployment as a hotfix (an unplanned remediation, DORA 2024 deployment rework): organization setting
 * {@code dora.hotfix} = {@code {"refPatterns": [...], "pullRequestLabels": [...]}}. A ref pattern matches the
 * deployment's ref (branch or tag) whole, case-insensitively, {@code *} matching any characters; a label matches a
 * label of a pull/merge request the deployment shipped, case-insensitively. An absent setting or member takes
 * identity's default.
 */
final class HotfixRules {

    static final String SETTING = "dora.hotfix";
    static final List<String> DEFAULT_REF_PATTERNS = List.of("hotfix", "hotfix/*", "hotfix-*", "hotfix_*", "*/hotfix",
            "*/hotfix/*", "*/hotfix-*", "*/hotfix_*");
    static final List<String> DEFAULT_LABELS = List.of("hotfix");

    private final List<Pattern> refPatterns;
    private final List<String> labels;

    private HotfixRules(List<Pattern> refPatterns, List<String> labels) {
        this.refPatterns = refPatterns;
        this.labels = labels;
    }

    /** The organization's rules from its settings (as handed over with the configuration). */
    static HotfixRules from(Map<String, Object> orgSettings) {
        Map<?, ?> setting = orgSettings.get(SETTING) instanceof Map<?, ?> map ? map : Map.of();
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : strings(setting.get("refPatterns"), DEFAULT_REF_PATTERNS)) {
            List<String> literals = new ArrayList<>();
            for (String literal : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
                literals.add(Pattern.quote(literal));
            }
            patterns.add(Pattern.compile(String.join(".*", literals), Pattern.DOTALL));
        }
        List<String> labels = strings(setting.get("pullRequestLabels"), DEFAULT_LABELS).stream()
                .map(label -> label.toLowerCase(Locale.ROOT)).toList();
        return new HotfixRules(List.copyOf(patterns), labels);
    }

    /** Whether a deployment of this ref is a hotfix. */
    boolean ref(String ref) {
        String lower = ref.toLowerCase(Locale.ROOT);
        return !lower.isEmpty() && refPatterns.stream().anyMatch(pattern -> pattern.matcher(lower).matches());
    }

    /** Whether a request with these labels is a hotfix. */
    boolean labels(List<String> requestLabels) {
        return requestLabels.stream().anyMatch(label -> labels.contains(label.toLowerCase(Locale.ROOT)));
    }

    private static List<String> strings(Object value, List<String> fallback) {
        if (!(value instanceof List<?> list)) {
            return fallback;
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip)
                .filter(text -> !text.isEmpty()).toList();
    }
}
