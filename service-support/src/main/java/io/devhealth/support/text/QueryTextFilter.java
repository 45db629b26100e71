package io.devhealth.support.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.devhealth.support.problem.ProblemException;

/**
 * Query parameters get the check {@link CleanText} gives JSON strings: a value with a NUL character or an unpaired
 * surrogate (percent-encoded in the URL) answers 400 {@code bad-request} naming the parameter, before any resource
 * sees it. PostgreSQL cannot hold NUL in text: without this, a search for {@code %00} failed inside the database as a
 * 500.
 */
public class QueryTextFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnacceptableText(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters(true).entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> problem = Text.problem(value);
                if (problem.isPresent()) {
                    return ProblemException.badParameter(parameter.getKey(), problem.get()).toResponse(uri.getPath());
                }
            }
        }
        return null;
    }
}
