package io.devhealth.support.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The problem body's JSON shape and the factories' statuses and types, without a Quarkus application. */
class ProblemTests {

    private static final String PATH = "/api/v1/things";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aProblemWithoutViolationsHasExactlyTheRfc9457Members() throws Exception {
        Problem problem = ProblemException.notFound("no thing 42").toProblem(PATH);

        assertThat(asMap(problem)).containsExactly(
                Map.entry("type", "https://devhealth.io/problems/not-found"),
                Map.entry("title", "Not Found"),
                Map.entry("status", 404),
                Map.entry("detail", "no thing 42"),
                Map.entry("instance", PATH));
    }

    @Test
    void aValidationProblemListsItsFieldsAndSummarizesThemInTheDetail() throws Exception {
        Problem problem = ProblemException.invalid(List.of(
                        new Problem.Violation("name", "must not be blank"),
                        new Problem.Violation("options.repositoryPath", "must be absolute")))
                .toProblem(PATH);

        Map<String, Object> body = asMap(problem);
        assertThat(body).containsEntry("type", "https://devhealth.io/problems/validation")
                .containsEntry("title", "Unprocessable Content")
                .containsEntry("status", 422)
                .containsEntry("detail", "name: must not be blank; options.repositoryPath: must be absolute")
                .containsEntry("violations", List.of(
                        Map.of("field", "name", "message", "must not be blank"),
                        Map.of("field", "options.repositoryPath", "message", "must be absolute")));
        assertThat(json.readValue(json.writeValueAsString(problem), Problem.class)).isEqualTo(problem);
    }

    @Test
    void aMalformedQueryParameterIsABadRequestNamingTheParameterAsItsViolation() throws Exception {
        Problem problem = ProblemException.badParameter("from", "from is not an ISO-8601 date").toProblem(PATH);

        assertThat(asMap(problem)).containsEntry("status", 400)
                .containsEntry("type", "https://devhealth.io/problems/bad-request")
                .containsEntry("detail", "from is not an ISO-8601 date")
                .containsEntry("violations", List.of(Map.of("field", "from", "message", "from is not an ISO-8601 date")));
    }

    @Test
    void everyFactoryPairsItsStatusWithItsStableType() {
        List<ProblemException> problems = List.of(
                ProblemException.badRequest("d"),
                ProblemException.badParameter("p", "d"),
                ProblemException.invalidField("f", "m"),
                ProblemException.unauthorized("d"),
                ProblemException.forbidden("d"),
                ProblemException.notFound("d"),
                ProblemException.conflict("d"),
                ProblemException.syncRunAlreadyRunning("d"),
                ProblemException.leaseLost("d"),
                ProblemException.credentialUnreadable("d"),
                ProblemException.upstreamUnavailable("d"),
                ProblemException.internal("d"));

        assertThat(problems).extracting(ProblemException::status, ProblemException::type).containsExactly(
                tuple(400, ProblemTypes.BAD_REQUEST),
                tuple(400, ProblemTypes.BAD_REQUEST),
                tuple(422, ProblemTypes.VALIDATION),
                tuple(401, ProblemTypes.UNAUTHORIZED),
                tuple(403, ProblemTypes.FORBIDDEN),
                tuple(404, ProblemTypes.NOT_FOUND),
                tuple(409, ProblemTypes.CONFLICT),
                tuple(409, ProblemTypes.SYNC_RUN_ALREADY_RUNNING),
                tuple(409, ProblemTypes.LEASE_LOST),
                tuple(409, ProblemTypes.CREDENTIAL_UNREADABLE),
                tuple(503, ProblemTypes.UPSTREAM_UNAVAILABLE),
                tuple(500, ProblemTypes.INTERNAL));
        assertThat(problems).extracting(p -> p.toProblem(PATH).title()).containsExactly(
                "Bad Request", "Bad Request", "Unprocessable Content", "Unauthorized", "Forbidden", "Not Found",
                "Conflict", "Conflict", "Conflict", "Conflict", "Service Unavailable", "Internal Server Error");
        // Answers, not faults: no stack trace is captured (and none could leak).
        assertThat(problems).allSatisfy(p -> assertThat(p.getStackTrace()).isEmpty());
    }

    @Test
    void theResponseIsProblemJsonAndEvery401ChallengesForABearerToken() {
        Response unauthorized = ProblemException.unauthorized("who are you").toResponse(PATH);
        assertThat(unauthorized.getStatus()).isEqualTo(401);
        assertThat(unauthorized.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(unauthorized.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(unauthorized.getEntity()).isEqualTo(new Problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401,
                "who are you", PATH, null));

        Response forbidden = ProblemException.forbidden("not yours").toResponse(PATH);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(forbidden.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    }

    @Test
    void aStatusJaxRsDoesNotNameKeepsANumericTitle() {
        assertThat(ProblemException.of(418, ProblemTypes.BAD_REQUEST, "d").toProblem(PATH).title())
                .isEqualTo("HTTP 418");
        assertThat(ProblemException.of(405, ProblemTypes.BAD_REQUEST, "d").toProblem(PATH).title())
                .isEqualTo("Method Not Allowed");
    }

    private Map<String, Object> asMap(Problem problem) throws Exception {
        return json.readValue(json.writeValueAsString(problem), new TypeReference<>() {
        });
    }
}
