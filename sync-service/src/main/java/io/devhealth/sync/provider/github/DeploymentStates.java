package io.devhealth.sync.provider.github;

import java.util.Locale;
import java.util.Set;

/** GitHub deployment status states as the {@code deployments} table reads them. */
final class DeploymentStates {

    private static final Set<String> PRODUCTION = Set.of("production", "prod", "live", "prd");

    private DeploymentStates() {
    }

    /** {@code deployments.status}: success, failure, error, inactive, in_progress, queued ({@code pending} → queued). */
    static String status(String state) {
        return switch (state) {
            case "success", "failure", "error", "inactive", "in_progress", "queued" -> state;
            default -> "queued"; // pending, or no status yet
        };
    }

    /** A state that ends the deployment attempt. */
    static boolean finishing(String state) {
        return state.equals("success") || state.equals("failure") || state.equals("error");
    }

    /** A deployment that may still change state on its own (it has no final status yet). */
    static boolean pending(String latestState) {
        return !(finishing(latestState) || latestState.equals("inactive"));
    }

    /** Environments named production ({@code production}, {@code prod}, {@code production-eu}, …). */
    static boolean production(String environment) {
        String name = environment.toLowerCase(Locale.ROOT);
        return PRODUCTION.contains(name) || name.startsWith("production") || name.startsWith("prod-")
                || name.startsWith("prod/") || name.startsWith("prod_");
    }
}
