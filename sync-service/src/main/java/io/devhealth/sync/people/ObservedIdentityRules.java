package io.devhealth.sync.people;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.devhealth.sync.client.ObservedIdentities;

/**
 * What identity-service accepts as an observed identity (its {@code IdentityProvider} patterns and
 * {@code PeopleRules} limits, mirrored here: one refused identity would make identity refuse the whole batch of 1000).
 * An id identity would refuse is skipped; a name it would refuse is dropped (control characters, blank) or shortened.
 */
final class ObservedIdentityRules {

    private static final int EXTERNAL_ID_MAX = 320;
    private static final int NAME_MAX = 200;
    private static final Map<String, Pattern> EXTERNAL_IDS = Map.of(
            "git", Pattern.compile("^[^\\s\\p{Z}\\p{Cc}<>]+$"),
            "github", Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\\[bot\\])?$"),
            "gitlab", Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$"),
            "jira", Pattern.compile("^[A-Za-z0-9:_-]{1,128}$"),
            "pagerduty", Pattern.compile("^[A-Za-z0-9]{2,32}$"));
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    /** identity strips Unicode white space (not only Java's) before checking a name is not blank. */
    private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

    private ObservedIdentityRules() {
    }

    /** The identity as identity accepts it, or empty when its id is not one identity takes. */
    static Optional<ObservedIdentities.Identity> clean(String provider, String externalId, String name) {
        Pattern pattern = EXTERNAL_IDS.get(provider);
        if (pattern == null || externalId == null || externalId.length() > EXTERNAL_ID_MAX
                || !pattern.matcher(externalId).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ObservedIdentities.Identity(provider, externalId, cleanName(name), null));
    }

    private static String trim(String value) {
        return EDGE_SPACE.matcher(value).replaceAll("");
    }

    private static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String cleaned = trim(CONTROL.matcher(name).replaceAll(" "));
        if (cleaned.length() > NAME_MAX) {
            // never cut a surrogate pair in two: identity refuses unpaired surrogates
            int end = Character.isHighSurrogate(cleaned.charAt(NAME_MAX - 1)) ? NAME_MAX - 1 : NAME_MAX;
            cleaned = trim(cleaned.substring(0, end));
        }
        return cleaned.isEmpty() ? null : cleaned;
    }
}
