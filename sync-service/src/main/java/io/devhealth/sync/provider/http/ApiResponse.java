package io.devhealth.sync.provider.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One HTTP response, body read completely.
 *
 * @param uri     the URL that answered (after redirects)
 * @param status  HTTP status
 * @param headers response headers (case-insensitive lookup)
 * @param body    the decoded body (gzip already undone); empty for 304
 */
public record ApiResponse(URI uri, int status, HttpHeaders headers, byte[] body) {

    /** The first value of header {@code name}, any case. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** A header as a long, empty when absent or not a number. */
    public Optional<Long> longHeader(String name) {
        return header(name).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The body as UTF-8 text, at most {@code max} characters (for error messages). */
    public String text(int max) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
