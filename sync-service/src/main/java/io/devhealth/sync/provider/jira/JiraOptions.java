package io.devhealth.sync.provider.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A jira configuration's options as identity validated them: {@code siteUrl} (e.g. {@code https://acme.atlassian.net})
 * and either {@code projectKeys} (a list of project keys) or {@code jql} (a filter of the user's own).
 *
 * @param projectKeys the configured keys, empty when {@code jql} is given
 * @param jql         the configured JQL without its {@code ORDER BY} (the sync orders by itself), or {@code null}
 */
record JiraOptions(String siteUrl, List<String> projectKeys, String jql) {

    private static final Pattern ORDER_BY = Pattern.compile("(?is)\\s+order\\s+by\\s+.*$");
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]+");

    static JiraOptions from(Map<String, Object> options) throws SyncFailedException {
        if (!(options.get("siteUrl") instanceof String site) || site.isBlank()) {
            throw new SyncFailedException("options.siteUrl is required, e.g. https://acme.atlassian.net");
        }
        List<String> keys = new ArrayList<>();
        if (options.get("projectKeys") instanceof List<?> list) {
            for (Object key : list) {
                if (!(key instanceof String text) || !KEY.matcher(text.strip()).matches()) {
                    throw new SyncFailedException("options.projectKeys must be Jira project keys such as PAY");
                }
                keys.add(text.strip());
            }
        }
        String jql = options.get("jql") instanceof String text && !text.isBlank()
                ? ORDER_BY.matcher(text.strip()).replaceFirst("") : null;
        if (keys.isEmpty() == (jql == null)) {
            throw new SyncFailedException("options must give either projectKeys or jql");
        }
        return new JiraOptions(site.strip(), List.copyOf(keys), jql);
    }

    /** The issues this configuration covers, as JQL without ordering: {@code project in ("A", "B")} or the filter. */
    String scopeJql() {
        if (jql != null) {
            return jql;
        }
        return "project in (" + String.join(", ", projectKeys.stream().map(k -> "\"" + k + "\"").toList()) + ")";
    }

    /** The cursor's scope key: the JQL it covers (a changed filter starts over). */
    String cursorScope() {
        return scopeJql();
    }
}
