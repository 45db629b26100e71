package io.devhealth.support.problem;

import java.net.URI;

/**
 * The stable {@code type} URIs of DevHealth's RFC 9457 problem details. Clients may branch on them; they
 * never change once shipped. Each names one failure kind; the HTTP status that goes with it is noted.
 */
public final class ProblemTypes {

    private static final String BASE = "https://devhealth.io/problems/";

    /** 400: the request is malformed (unparseable JSON, a date that is not ISO-8601, from after to). */
    public static final URI BAD_REQUEST = of("bad-request");
    /** 422: the request is well-formed but a field is invalid (the problem lists the fields). */
    public static final URI VALIDATION = of("validation");
    /** 401: no token, or a malformed, expired or foreign-signed one. */
    public static final URI UNAUTHORIZED = of("unauthorized");
    /** 403: a valid token that may not do this (another org, too low a role). */
    public static final URI FORBIDDEN = of("forbidden");
    /** 404: the resource does not exist (or is not visible to the caller). */
    public static final URI NOT_FOUND = of("not-found");
    /** 409: the request conflicts with existing data (duplicate slug, email or name). */
    public static final URI CONFLICT = of("conflict");
    /** 413: the request body is larger than the endpoint accepts (the detail says the bound). */
    public static final URI CONTENT_TOO_LARGE = of("content-too-large");
    /** 414: the request URI is longer than the gateway reads (8 KB); answered by the gateway itself. */
    public static final URI URI_TOO_LONG = of("uri-too-long");
    /** 409: a run of this sync configuration is already running with a live lease. */
    public static final URI SYNC_RUN_ALREADY_RUNNING = of("sync-run-already-running");
    /** 409: the caller no longer holds the run's lease (it expired and was taken over, or the run ended). */
    public static final URI LEASE_LOST = of("lease-lost");
    /** 429: too many attempts (failed sign-ins); {@code Retry-After} says how many seconds to wait. */
    public static final URI TOO_MANY_REQUESTS = of("too-many-requests");
    /**
     * 409: a stored credential's secret cannot be decrypted (tampered row, or its master key is no longer
     * configured); replacing the secret resolves it.
     */
    public static final URI CREDENTIAL_UNREADABLE = of("credential-unreadable");
    /** 503: a service or database this request depends on is unavailable; retry later. */
    public static final URI UPSTREAM_UNAVAILABLE = of("upstream-unavailable");
    /** 500: a fault of ours; the detail carries no internals. */
    public static final URI INTERNAL = of("internal");

    private ProblemTypes() {
    }

    private static URI of(String name) {
        return URI.create(BASE + name);
    }
}
