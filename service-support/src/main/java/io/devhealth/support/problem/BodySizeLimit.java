package io.devhealth.support.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} gets 413
 * {@code content-too-large} problem details, ahead of Quarkus' own check of the same header (route order -2), which
 * answers with an empty body. A body sent without a length (chunked) that grows past the limit still gets Quarkus'
 * bare 413: that is only known mid-stream. Endpoints with a smaller bound of their own check it themselves.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final ObjectMapper mapper;

    BodySizeLimit(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .ifPresent(limit -> router.route().order(-3).handler(context -> check(context, limit.asLongValue())));
    }

    private void check(RoutingContext context, long limit) {
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException malformed) {
            declared = -1;
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(ProblemException
                    .contentTooLarge("the body is larger than this service accepts (" + limit + " bytes)")
                    .toProblem(context.request().path()));
        } catch (JsonProcessingException impossible) {
            body = "";
        }
        // The body is not read: close the connection rather than drain it, as Quarkus does.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(body);
    }
}
