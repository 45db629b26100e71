package io.devhealth.identity.persistence;

import java.util.concurrent.CompletionException;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.problem.ProblemMappers;

/**
 * A unique violation that slipped past the services (they turn the ones they expect into 409s with a precise
 * detail) is still the caller's conflict, not our fault: 409 {@code conflict}. Hibernate Reactive reports it as a
 * {@link PersistenceException} (or wrapped in a {@link CompletionException}); naming those types makes this mapper
 * win over the {@link Throwable} catch-all of {@link ProblemMappers}, to which every other failure of these types
 * still goes (500, logged).
 */
public class UniqueViolationMapper {

    @ServerExceptionMapper({ PersistenceException.class, CompletionException.class })
    public Response uniqueViolation(RuntimeException e, UriInfo uri) {
        if (PgErrors.isUniqueViolation(e)) {
            return ProblemException.conflict("the request conflicts with existing data").toResponse(uri.getPath());
        }
        return ProblemMappers.unexpected(e, uri);
    }
}
