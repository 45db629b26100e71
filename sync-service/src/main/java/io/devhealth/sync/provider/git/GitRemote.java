package io.devhealth.sync.provider.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A hosted repository to mirror ({@link RemoteGitHistory}).
 *
 * @param providerBaseUrl the provider's API base URL as configured, e.g. {@code https://api.github.com} (part of the
 *                        mirror's identity: two servers may number repositories alike)
 * @param repositoryKey   the provider's stable id of the repository, e.g. GitHub's numeric id or GitLab's project
 *                        id (stable across renames, so a rename does not clone again)
 * @param cloneUrl        the repository's HTTP(S) clone URL as the provider's API gives it ({@code clone_url},
 *                        {@code http_url_to_repo}); never carrying credentials
 * @param credential      what git presents, or {@code null} for a public repository
 */
public record GitRemote(String providerBaseUrl, String repositoryKey, String cloneUrl, GitCredential credential) {

    /** What the git cursor of this repository belongs to (a cursor of another remote is ignored). */
    String cursorKey() {
        return providerBaseUrl + "#" + repositoryKey;
    }

    /**
     * The clone URL, checked: {@code http} or {@code https} (git may use no other transport: a provider's answer must
     * not make git read a local path or run a command), a host, no user info.
     *
     * @throws SyncFailedException "repository clone URL … is not …", the URL shown without user info
     */
    URI checkedCloneUrl() throws SyncFailedException {
        URI uri;
        try {
            uri = new URI(cloneUrl == null ? "" : cloneUrl);
        } catch (URISyntaxException e) {
            throw new SyncFailedException("repository clone URL is not a URL: " + shown(cloneUrl));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SyncFailedException("repository clone URL " + shown(cloneUrl) + " is not an http(s) URL with a "
                    + "host and without user info, query or fragment");
        }
        return uri;
    }

    /** A URL as messages may show it: user info dropped, control characters replaced, bounded. */
    static String shown(String url) {
        if (url == null) {
            return "(none)";
        }
        String text = url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.length() > 300 ? shown + "…" : shown.toString();
    }
}
