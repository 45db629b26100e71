package io.devhealth.sync.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which environments count as production (every provider and the DORA linkage ask here): the environment's own
 * GitLab {@code tier} when it has one
 * ({@code production}; every other tier is not), else the organization setting {@code dora.production-environments}
 * (names, case-insensitive, {@code *} matching any characters; identity's default {@code ["production", "prod"]}
 * when the setting is absent).
 */
public final class ProductionEnvironments {

    public static final String SETTING = "dora.production-environments";
    private static final List<String> DEFAULT = List.of("production", "prod");

    private final List<Pattern> patterns;

    private ProductionEnvironments(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The organization's patterns from its settings (as handed over with the configuration). */
    public static ProductionEnvironments from(Map<String, Object> orgSettings) {
        List<String> names = new ArrayList<>();
        if (orgSettings.get(SETTING) instanceof List<?> list) {
            list.forEach(name -> {
                if (name instanceof String text && !text.isBlank()) {
                    names.add(text.strip());
                }
            });
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String name : names.isEmpty() ? DEFAULT : names) {
            List<String> literals = new ArrayList<>();
            for (String literal : name.toLowerCase(Locale.ROOT).split("\\*", -1)) {
                literals.add(Pattern.quote(literal));
            }
            String regex = String.join(".*", literals);
            patterns.add(Pattern.compile(regex, Pattern.DOTALL));
        }
        return new ProductionEnvironments(List.copyOf(patterns));
    }

    /**
     * @param name the environment's name, e.g. {@code production} or {@code review/feature-x}
     * @param tier its GitLab deployment tier ({@code production}, {@code staging}, {@code testing},
     *             {@code development}, {@code other}), or {@code ""} when unknown
     */
    public boolean production(String name, String tier) {
        if (!tier.isEmpty()) {
            return tier.equalsIgnoreCase("production");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> pattern.matcher(lower).matches());
    }
}
