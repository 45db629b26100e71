package io.devhealth.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;

/**
 * The gateway's REST API for one session. Every call sends the access token; when it has expired (or expires
 * within 30 s, or the server answers 401) the refresh token gets a new pair first, which is saved at once: refresh
 * tokens work once, so the rotated one must not be lost. Error answers become {@link ApiException}s.
 */
public final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long EXPIRY_MARGIN_SECONDS = 30;

    private final HttpClient http;
    private final SessionStore store;
    private final Clock clock;
    private Session session;

    private ApiClient(HttpClient http, SessionStore store, Clock clock, Session session) {
        this.http = http;
        this.store = store;
        this.clock = clock;
        this.session = session;
    }

    /** A client of the saved session. @throws CliException (exit 3) when nobody is logged in */
    public static ApiClient ofSavedSession(SessionStore store, Clock clock) {
        Session session = store.load().orElseThrow(() -> new CliException(ExitCode.UNAUTHORIZED,
                "not logged in: run devhealth login --url <gateway> --email <email>"));
        return new ApiClient(newHttp(), store, clock, session);
    }

    /**
     * Signs in with email and password ({@code POST /api/v1/identity/auth/token}) and saves the session.
     *
     * @param url the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
     */
    public static Session login(SessionStore store, Clock clock, String url, String email, char[] password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", new String(password));
        ApiClient anonymous = new ApiClient(newHttp(), store, clock, null);
        String base = stripSlash(url);
        JsonNode tokens = anonymous.exchange(base, "POST", "/api/v1/identity/auth/token", body, false);
        Session session = sessionOf(base, email, tokens, clock.instant());
        store.save(session);
        return session;
    }

    public Session session() {
        return session;
    }

    public JsonNode get(String path, Map<String, ?> query) {
        return call("GET", path + queryString(query), null);
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    public JsonNode put(String path, JsonNode body) {
        return call("PUT", path, body);
    }

    /** Gets new tokens with the refresh token now (e.g. after joining an organization: the next token lists it). */
    public void refresh() {
        ObjectNode body = JSON.createObjectNode().put("refreshToken", session.refreshToken());
        JsonNode tokens;
        try {
            tokens = exchange(session.url(), "POST", "/api/v1/identity/auth/refresh", body, false);
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new CliException(ExitCode.UNAUTHORIZED, "the session has ended (" + e.getMessage()
                        + "): run devhealth login again");
            }
            throw e;
        }
        session = sessionOf(session.url(), session.email(), tokens, clock.instant());
        store.save(session);
    }

    /** Ends the session on the server ({@code POST /auth/logout}); the caller deletes the saved one. */
    public void logout() {
        exchange(session.url(), "POST", "/api/v1/identity/auth/logout",
                JSON.createObjectNode().put("refreshToken", session.refreshToken()), false);
    }

    private JsonNode call(String method, String path, JsonNode body) {
        if (session.accessTokenExpired(clock.instant(), EXPIRY_MARGIN_SECONDS)) {
            refresh();
        }
        try {
            return exchange(session.url(), method, path, body, true);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // Revoked or signed by a key the server no longer accepts: one refresh, one retry.
            refresh();
            return exchange(session.url(), method, path, body, true);
        }
    }

    private JsonNode exchange(String base, String method, String path, JsonNode body, boolean authorized) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("accept", "application/json, application/problem+json");
        if (authorized) {
            request.header("authorization", "Bearer " + session.accessToken());
        }
        if (body != null) {
            request.header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "cannot connect to " + base + " (is the stack running?)");
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCode.UNAVAILABLE, method + " " + path + ": no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, method + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted");
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw ApiException.of(method, path, response.statusCode(), json, response.body());
        }
        return json == null ? JSON.nullNode() : json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static Session sessionOf(String url, String email, JsonNode tokens, Instant now) {
        return new Session(url, email, tokens.path("accessToken").asText(),
                now.plusSeconds(tokens.path("expiresIn").asLong(0)), tokens.path("refreshToken").asText(),
                now.plusSeconds(tokens.path("refreshExpiresIn").asLong(0)));
    }

    /** {@code ?a=1&b=x} from the non-null values, URL-encoded; repeated for iterable values. */
    static String queryString(Map<String, ?> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        new LinkedHashMap<>(query).forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> joined.add(encode(name) + "=" + encode(String.valueOf(v))));
            } else if (value != null) {
                joined.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return joined.toString();
    }

    /** A path segment, percent-encoded (org slugs and ids are safe already; user input may not be). */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static HttpClient newHttp() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
}
