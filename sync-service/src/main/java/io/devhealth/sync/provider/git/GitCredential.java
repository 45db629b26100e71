package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credential git presents over HTTPS: HTTP Basic with a provider-specific user name and the token as password.
 * Held in memory only; {@link GitTransport} hands it to git through the environment, never argv, a URL or a file.
 *
 * @param username {@value #GITHUB_USER} for GitHub (personal, fine-grained and installation tokens alike),
 *                 {@value #GITLAB_USER} for GitLab
 * @param secret   the token
 */
public record GitCredential(String username, String secret) {

    public static final String GITHUB_USER = "x-access-token";
    public static final String GITLAB_USER = "oauth2";

    public GitCredential {
        if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a git credential needs a user name without ':'");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a git credential needs a secret");
        }
    }

    /** GitHub's: user {@value #GITHUB_USER}. */
    public static GitCredential github(String token) {
        return new GitCredential(GITHUB_USER, token);
    }

    /** GitLab's: user {@value #GITLAB_USER}. */
    public static GitCredential gitlab(String token) {
        return new GitCredential(GITLAB_USER, token);
    }

    /** The Basic credentials, base64 of {@code user:secret}: as secret as the token. */
    String basic() {
        return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} with the secret and its encodings replaced by {@code ***}. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(basic(), "***").replace(secret, "***");
    }

    @Override
    public String toString() {
        return "GitCredential[username=" + username + ", secret=***]";
    }
}
