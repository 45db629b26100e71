package io.devhealth.analytics.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Conditional GETs for every analytics read: a 200 JSON answer gets a strong {@code ETag} (SHA-256 of the body
 * as sent) and {@code Cache-Control: private, no-cache} (tenant data: a shared cache must not keep it; a client
 * may keep it but revalidates every time); a request whose {@code If-None-Match} names the current ETag gets
 * {@code 304 Not Modified} without a body. Dashboards polling unchanged metrics then move headers, not series.
 */
public class ConditionalGetFilter {

    static final String CACHE_CONTROL = "private, no-cache";

    private final ObjectMapper json;

    ConditionalGetFilter(ObjectMapper json) {
        this.json = json;
    }

    @ServerResponseFilter
    public void conditionalGet(ContainerRequestContext request, ContainerResponseContext response)
            throws JsonProcessingException {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() != Response.Status.OK.getStatusCode()
                || !response.hasEntity() || !request.getUriInfo().getPath().startsWith("/api/v1/analytics/")
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
            return;
        }
        // A byte[] entity of a JSON answer is its body already (JSON that ClickHouse wrote, see JsonRows).
        byte[] body = response.getEntity() instanceof byte[] bytes ? bytes : json.writeValueAsBytes(response.getEntity());
        String etag = "\"" + HexFormat.of().formatHex(sha256(body), 0, 16) + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
            return;
        }
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    /** {@code If-None-Match}: {@code *} or a comma-separated list of entity tags, weak ones compared weakly. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
