package io.devhealth.sync.provider.http;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pagination by the RFC 8288 {@code Link} header's {@code rel="next"} target (GitHub; GitLab keyset pagination too).
 * The URL is followed as given: providers put their own cursor in it. A relative target is resolved against the page.
 */
public final class LinkHeaderPagination implements Pagination {

    public static final LinkHeaderPagination INSTANCE = new LinkHeaderPagination();

    /** One link-value: {@code <url>; param; param}. Parameters may be quoted and in any order. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

    private LinkHeaderPagination() {
    }

    @Override
    public Optional<URI> next(ApiResponse page) {
        return page.header("Link").flatMap(link -> rel(link, "next")).map(target -> page.uri().resolve(target));
    }

    /** The target of relation {@code rel} in a {@code Link} header value. */
    static Optional<String> rel(String header, String rel) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher params = REL.matcher(link.group(2));
            while (params.find()) {
                for (String value : params.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase(rel)) {
                        return Optional.of(link.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
