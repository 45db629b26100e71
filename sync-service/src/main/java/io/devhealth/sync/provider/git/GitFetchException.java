package io.devhealth.sync.provider.git;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A clone or fetch of a hosted repository failed. The message is fit for users (the URL without credentials, what
 * went wrong, git's own line with every trace of the credential removed); {@link #kind()} lets a provider treat a
 * repository that is gone or not visible as a failed scope.
 */
public final class GitFetchException extends SyncFailedException {

    /** Why the fetch failed. */
    public enum Kind {
        /** HTTP 401: the credential was refused (or none was given for a private repository). */
        UNAUTHORIZED,
        /** HTTP 403: the credential may not read the repository's contents. */
        FORBIDDEN,
        /** HTTP 404: no such repository, or not visible to the credential. */
        NOT_FOUND,
        /** The server could not be reached, the connection failed or stalled, or the fetch timed out. */
        UNREACHABLE,
        /** Anything else git reported. */
        FAILED
    }

    private final Kind kind;

    GitFetchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
