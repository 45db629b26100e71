package io.devhealth.sync.provider.http;

import java.net.URI;
import java.util.Optional;

/** Finds the next page of a list from one page's response (GitHub {@code Link}, GitLab keyset or {@code X-Next-Page}). */
@FunctionalInterface
public interface Pagination {

    /** The next page's URL, or empty on the last page. */
    Optional<URI> next(ApiResponse page);
}
