package io.devhealth.identity.persistence;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.problem.ProblemMappers;
import io.vertx.core.VertxException;

/**
 * Database failures that are not our fault. A unique violation that slipped past the services (they turn the ones
 * they expect into 409s with a precise detail) is still the caller's conflict: 409 {@code conflict}. A database
 * that is down or restarting (PgErrors#isUnavailable) is 503 {@code upstream-unavailable} with {@code Retry-After},
 * as readiness says at the same moment, not a 500. Hibernate Reactive reports failures as
 * {@link PersistenceException}s (or wrapped in a {@link CompletionException}), the reactive client as
 * {@link VertxException}s or the socket's own {@link ConnectException}; naming those types makes this mapper win over the {@link Throwable} catch-all of
 * {@link ProblemMappers}, to which every other failure of these types still goes (500, logged).
 */
public class DatabaseFailureMapper {

    private static final Logger LOG = Logger.getLogger(DatabaseFailureMapper.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ServerExceptionMapper({ PersistenceException.class, CompletionException.class, VertxException.class,
            ConnectException.class, ClosedChannelException.class })
    public Response databaseFailure(Throwable e, UriInfo uri) {
        if (PgErrors.isUniqueViolation(e)) {
            return ProblemException.conflict("the request conflicts with existing data").toResponse(uri.getPath());
        }
        if (PgErrors.isUnavailable(e)) {
            LOG.warnf("%s: the database is unavailable (%s)", uri.getPath(), e.getMessage());
            Response unavailable = ProblemException.upstreamUnavailable("the database is unavailable; retry later")
                    .toResponse(uri.getPath());
            return Response.fromResponse(unavailable).header("Retry-After", RETRY_AFTER.toSeconds()).build();
        }
        return ProblemMappers.unexpected(e, uri);
    }
}
