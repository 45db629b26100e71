package io.devhealth.sync.provider.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.provider.http.RateLimitPolicy.RateLimitWait;

/**
 * The HTTP requests of one provider run. Blocking; safe for concurrent use by the run's threads.
 *
 * <ul>
 * <li>Authentication: the {@link ProviderApi} adds the secret to requests for its own origin only; a redirect to
 * another host is followed without it.</li>
 * <li>Redirects (301, 302, 307, 308, e.g. a renamed repository) are followed, at most {@value #MAX_REDIRECTS}.</li>
 * <li>Rate limits: a refused request waits until the time the provider names and is sent again, for as long as it
 * takes; a response that spent the window pauses every request of the credential until the reset. Waits are reported
 * to the {@link WaitListener} (the run's progress says until when).</li>
 * <li>5xx and I/O failures (including a body cut short) are retried with exponential back-off, then fail.</li>
 * <li>At most {@code max-concurrency-per-credential} requests in flight per credential ({@link CredentialGate}).</li>
 * <li>Any other non-2xx becomes an {@link ApiException} whose message names the request and the provider's
 * answer (never the credential).</li>
 * </ul>
 */
public final class ApiClient {

    private static final Logger LOG = Logger.getLogger(ApiClient.class);
    static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderApi api;
    private final String secret;
    private final HttpClient http;
    private final RequestDeadlines deadlines;
    private final CredentialGate gate;
    private final Clock clock;
    private final Sleeper sleeper;
    private final WaitListener waits;
    private final HttpProviderConfig config;

    /**
     * @param secret the credential's secret, or {@code null} for unauthenticated requests; kept in this object (and
     *               handed to the same provider's git transport only, {@link #secret()})
     */
    ApiClient(ProviderApi api, String secret, HttpClient http, RequestDeadlines deadlines, CredentialGate gate,
            Clock clock, Sleeper sleeper, WaitListener waits, HttpProviderConfig config) {
        this.api = api;
        this.secret = secret;
        this.http = http;
        this.deadlines = deadlines;
        this.gate = gate;
        this.clock = clock;
        this.sleeper = sleeper;
        this.waits = waits == null ? WaitListener.NONE : waits;
        this.config = config;
    }

    /** Told when a run waits for a rate limit and when it resumes. */
    public interface WaitListener {
        WaitListener NONE = new WaitListener() {
            @Override
            public void waiting(Instant until, String reason) {
            }

            @Override
            public void resumed(Duration waited) {
            }
        };

        void waiting(Instant until, String reason);

        void resumed(Duration waited);
    }

    public ProviderApi api() {
        return api;
    }

    /**
     * The run's credential secret, or {@code null} when it has none: for the provider's git over HTTPS (cloning its
     * repositories with the same credential). Never log it or put it in a message.
     */
    public String secret() {
        return secret;
    }

    /** {@code GET path} against the API's base URL. */
    public ApiResponse get(String path) throws InterruptedException {
        return get(api.resolve(path), null);
    }

    /**
     * {@code GET uri}, conditional when {@code ifNoneMatch} is given (a 304 is returned, not thrown).
     *
     * @return a 2xx or 304 response
     * @throws ApiException for any other outcome, after retries and rate-limit waits
     */
    public ApiResponse get(URI uri, String ifNoneMatch) throws InterruptedException {
        URI current = uri;
        int redirects = 0;
        int failures = 0;
        int refusals = 0;
        while (true) {
            awaitPause();
            ApiResponse response;
            try {
                response = send(current, ifNoneMatch);
            } catch (IOException e) {
                failures++;
                if (failures >= config.maxAttempts()) {
                    throw new ApiException(ApiException.Kind.UNAVAILABLE, 0, "GET " + current + " failed after "
                            + failures + " attempts (connection failed or the response was cut short): "
                            + describe(e), e);
                }
                backOff(current, failures, describe(e));
                continue;
            }
            Optional<RateLimitWait> refused = api.rateLimits().refused(response, clock.instant(), refusals);
            if (refused.isPresent()) {
                refusals++;
                gate.pauseUntil(bounded(refused.get().until()), refused.get().reason());
                continue;
            }
            refusals = 0;
            int status = response.status();
            if (status == 301 || status == 302 || status == 307 || status == 308) {
                if (++redirects > MAX_REDIRECTS) {
                    throw new ApiException(ApiException.Kind.UNAVAILABLE, status, "GET " + uri + ": more than "
                            + MAX_REDIRECTS + " redirects");
                }
                current = redirectTarget(response);
                LOG.debugf("%s redirected (%d) to %s", response.uri(), status, current);
                continue;
            }
            if (status >= 500) {
                failures++;
                if (failures >= config.maxAttempts()) {
                    throw failure(response);
                }
                backOff(current, failures, "HTTP " + status);
                continue;
            }
            if (response.successful() || status == 304) {
                api.rateLimits().exhausted(response, clock.instant())
                        .ifPresent(wait -> gate.pauseUntil(bounded(wait.until()), wait.reason()));
                return response;
            }
            throw failure(response);
        }
    }

    /**
     * Walks a list from {@code first} by the provider's pagination, calling {@code handler} per page until it answers
     * {@code false} or the last page was handled. The next page is requested while the handler works on the current
     * one, so the per-item requests the handler starts never wait for a list page (at most one page is fetched that
     * a handler stopping early does not need).
     *
     * @param ifNoneMatch sent with the first request only; a 304 ends the walk at once
     */
    public Walk pages(URI first, String ifNoneMatch, PageHandler handler) throws InterruptedException {
        ApiResponse page = get(first, ifNoneMatch);
        if (page.status() == 304) {
            return new Walk(true, ifNoneMatch, 0);
        }
        String etag = page.header("ETag").orElse(null);
        int pages = 0;
        while (true) {
            pages++;
            Optional<URI> next = api.pagination().next(page);
            FutureTask<ApiResponse> prefetch = next.map(uri -> new FutureTask<>(() -> get(uri, null))).orElse(null);
            if (prefetch != null) {
                Thread.ofVirtual().name("prefetch").start(prefetch);
            }
            boolean more = false;
            try {
                more = handler.page(page);
            } finally {
                if (!more && prefetch != null) {
                    prefetch.cancel(true);
                }
            }
            if (!more || prefetch == null) {
                return new Walk(false, etag, pages);
            }
            page = result(prefetch);
        }
    }

    /**
     * Walks a list whose next page is named in the body (Jira's {@code nextPageToken}, offset envelopes with
     * {@code more}): {@code reader} parses each page once into its content and the next page's URL; that page is
     * requested while {@code handler} works on the content, as in {@link #pages}.
     *
     * @return pages handled
     */
    public <P> int bodyPages(URI first, PageReader<P> reader, ContentHandler<P> handler) throws InterruptedException {
        ApiResponse page = get(first, null);
        int pages = 0;
        while (true) {
            pages++;
            ParsedPage<P> parsed = reader.read(page);
            FutureTask<ApiResponse> prefetch = parsed.next() == null ? null
                    : new FutureTask<>(() -> get(parsed.next(), null));
            if (prefetch != null) {
                Thread.ofVirtual().name("prefetch").start(prefetch);
            }
            try {
                handler.handle(parsed.content());
            } catch (RuntimeException | InterruptedException e) {
                if (prefetch != null) {
                    prefetch.cancel(true);
                }
                throw e;
            }
            if (prefetch == null) {
                return pages;
            }
            page = result(prefetch);
        }
    }

    /** Parses one page of a {@link #bodyPages} walk. */
    @FunctionalInterface
    public interface PageReader<P> {
        ParsedPage<P> read(ApiResponse page);
    }

    /** Handles one page's content. */
    @FunctionalInterface
    public interface ContentHandler<P> {
        void handle(P content) throws InterruptedException;
    }

    /** @param next the next page's URL, {@code null} on the last page */
    public record ParsedPage<P>(P content, URI next) {
    }

    private static ApiResponse result(FutureTask<ApiResponse> prefetch) throws InterruptedException {
        try {
            return prefetch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            prefetch.cancel(true);
            throw e;
        }
    }

    /** Handles one page; answers whether to go on to the next. */
    @FunctionalInterface
    public interface PageHandler {
        boolean page(ApiResponse page) throws InterruptedException;
    }

    /**
     * @param notModified the first page answered 304 (nothing changed since {@code etag})
     * @param etag        the first page's {@code ETag} (to send next time), or {@code null}
     * @param pages       pages handled
     */
    public record Walk(boolean notModified, String etag, int pages) {
    }

    /** The body as JSON; malformed or truncated JSON is an {@link ApiException.Kind#MALFORMED} failure. */
    public static JsonNode json(ApiResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw notJson(response, e);
        }
    }

    /** The failure of a body that is not valid JSON, cut short or empty ({@code e} says where). */
    static ApiException notJson(ApiResponse response, IOException e) {
        return new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                + ": the response body is not valid JSON (truncated or malformed: " + firstLine(e.getMessage()) + ")",
                e);
    }

    /**
     * The JSON array of a list page: the body itself, or its {@code envelope} member (e.g. {@code workflow_runs}).
     */
    public static JsonNode array(ApiResponse response, String envelope) {
        JsonNode body = json(response);
        JsonNode items = envelope == null ? body : body.get(envelope);
        if (items == null || !items.isArray()) {
            throw new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                    + ": expected a JSON array" + (envelope == null ? "" : " in member \"" + envelope + "\"")
                    + ", got " + (items == null ? "none" : items.getNodeType().toString().toLowerCase()));
        }
        return items;
    }

    private ApiResponse send(URI uri, String ifNoneMatch) throws IOException, InterruptedException {
        // No HttpRequest.timeout() (a timer per request on the client's selector thread): RequestDeadlines bounds it.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept-Encoding", "gzip");
        api.defaultHeaders().forEach(request::header);
        if (secret != null && sameOrigin(uri, api.baseUrl())) {
            api.authenticate(request, secret);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        gate.acquire();
        try {
            HttpResponse<byte[]> response = deadlines.await(http.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            return new ApiResponse(uri, response.statusCode(), response.headers(), decode(response));
        } finally {
            gate.release();
        }
    }

    private static byte[] decode(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (body.length > 0 && response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        return body;
    }

    /** Waits while the credential is paused (a rate-limit window spent by this or another request). */
    private void awaitPause() throws InterruptedException {
        Instant until = gate.pausedUntil();
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            return;
        }
        waits.waiting(until, gate.pauseReason());
        sleeper.sleepUntil(until);
        waits.resumed(Duration.between(now, until));
    }

    /** A wait of at least a second (a reset already past must not spin) and at most {@code max-rate-limit-wait}. */
    private Instant bounded(Instant until) {
        Instant now = clock.instant();
        Instant earliest = now.plusSeconds(1);
        Instant latest = now.plus(config.maxRateLimitWait());
        return until.isBefore(earliest) ? earliest : until.isAfter(latest) ? latest : until;
    }

    private void backOff(URI uri, int failures, String reason) throws InterruptedException {
        Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 6));
        LOG.warnf("GET %s failed (%s); retrying in %s (attempt %d of %d)", uri, reason, delay, failures + 1,
                config.maxAttempts());
        sleeper.sleepUntil(clock.instant().plus(delay));
    }

    private URI redirectTarget(ApiResponse response) {
        String location = response.header("Location").orElseThrow(() -> new ApiException(
                ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri() + " answered "
                        + response.status() + " without a Location header"));
        return response.uri().resolve(location.trim());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private ApiException failure(ApiResponse response) {
        int status = response.status();
        ApiException.Kind kind = switch (status) {
            case 401 -> ApiException.Kind.UNAUTHORIZED;
            case 403 -> ApiException.Kind.FORBIDDEN;
            case 404, 410 -> ApiException.Kind.NOT_FOUND;
            default -> status >= 500 ? ApiException.Kind.UNAVAILABLE : ApiException.Kind.REJECTED;
        };
        String what = switch (kind) {
            case UNAUTHORIZED -> "the credential was refused";
            case FORBIDDEN -> "the credential may not read this";
            case NOT_FOUND -> "not found, or not visible to the credential";
            default -> "the request failed";
        };
        return new ApiException(kind, status, "GET " + response.uri() + " answered " + status + " (" + what + ")"
                + providerMessage(response));
    }

    /**
     * The provider's own {@code message} (or {@code error.message}), when the body is JSON with one; else the start of
     * the body.
     */
    private static String providerMessage(ApiResponse response) {
        if (response.body().length == 0) {
            return "";
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            JsonNode named = body == null ? null : body.hasNonNull("message") ? body.get("message")
                    : body.path("error").get("message"); // PagerDuty: {"error": {"message", "code", "errors"}}
            if (named != null && !named.isNull() && !named.isContainerNode()) {
                String message = named.asText();
                return ": " + (message.length() > MAX_ERROR_BODY ? message.substring(0, MAX_ERROR_BODY) + "…" : message);
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return ": " + response.text(MAX_ERROR_BODY).replaceAll("\\s+", " ");
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline);
    }
}
