package io.devhealth.identity.credential.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * What a credential's secret and metadata may be; mirrored by the CHECKs of {@code integration_credentials}
 * (migrations/postgres/V3__credentials.sql). Violations are 422 {@code validation} problems naming the field; a
 * message never repeats a secret.
 */
public final class CredentialRules {

    /** The providers a credential may be for (the schema's CHECK on {@code provider}). */
    public static final String PROVIDER_PATTERN = "git|github|gitlab|jira|pagerduty";
    public static final String PROVIDER_RULE = "must be one of git, github, gitlab, jira, pagerduty";
    /** 16 KiB of UTF-8: room for a PEM private key or a service-account JSON, not for a payload. */
    public static final int MAX_SECRET_BYTES = 16 * 1024;
    public static final int MAX_METADATA_ENTRIES = 32;
    public static final int MAX_METADATA_VALUE_LENGTH = 1024;

    private static final Pattern METADATA_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");
    /** Metadata is shown to every admin: keys that name a secret are refused, spelled with or without separators. */
    private static final Set<String> SECRET_KEYS = Set.of("secret", "password", "passwd", "token", "apitoken",
            "apikey", "accesstoken", "privatekey", "clientsecret", "credential", "credentials");

    private CredentialRules() {
    }

    /** Checks a secret: not blank, no NUL or unpaired surrogate, at most {@value #MAX_SECRET_BYTES} UTF-8 bytes. */
    public static void checkSecret(String secret) {
        if (secret == null || Text.strip(secret).isEmpty()) {
            throw ProblemException.invalidField("secret", "must not be blank");
        }
        Text.problem(secret).ifPresent(problem -> {
            throw ProblemException.invalidField("secret", problem);
        });
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            throw ProblemException.invalidField("secret", "must be at most " + MAX_SECRET_BYTES + " bytes in UTF-8");
        }
    }

    /**
     * The metadata {@code node} describes: absent or null is empty; otherwise a JSON object of at most
     * {@value #MAX_METADATA_ENTRIES} entries whose keys are 1–64 letters, digits, '.', '_' or '-' (starting with a
     * letter) and do not name a secret, and whose values are non-blank strings of at most
     * {@value #MAX_METADATA_VALUE_LENGTH} characters (stripped, like every request string).
     */
    public static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ProblemException.invalidField("metadata", "must be a JSON object of strings");
        }
        if (node.size() > MAX_METADATA_ENTRIES) {
            throw ProblemException.invalidField("metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Problem.Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String problem = metadataProblem(entry.getKey(), entry.getValue());
            if (problem == null) {
                metadata.put(entry.getKey(), Text.strip(entry.getValue().textValue()));
            } else {
                violations.add(new Problem.Violation(field(entry.getKey()), problem));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        return metadata;
    }

    private static String metadataProblem(String key, JsonNode value) {
        if (!METADATA_KEY.matcher(key).matches()) {
            return "keys must be 1–64 letters, digits, '.', '_' or '-', starting with a letter";
        }
        if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replaceAll("[._-]", ""))) {
            return "names a secret: metadata is shown to every admin; put the secret in 'secret'";
        }
        if (!value.isTextual()) {
            return "must be a string";
        }
        String text = value.textValue();
        String problem = Text.problem(text).orElse(null);
        if (problem != null) {
            return problem;
        }
        if (Text.strip(text).isEmpty()) {
            return "must not be blank";
        }
        return text.length() > MAX_METADATA_VALUE_LENGTH
                ? "must be at most " + MAX_METADATA_VALUE_LENGTH + " characters"
                : null;
    }

    /** The violation's field: {@code metadata.<key>} when the key is printable, else just {@code metadata}. */
    private static String field(String key) {
        return METADATA_KEY.matcher(key).matches() ? "metadata." + key : "metadata";
    }
}
