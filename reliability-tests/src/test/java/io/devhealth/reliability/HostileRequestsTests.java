package io.devhealth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.reliability.Fixture.Exchange;
import io.devhealth.reliability.HostileCorpus.Probe;

/**
 * Every endpoint of every service's OpenAPI document (public ones through the gateway with an owner's token, internal
 * ones on the service with a service token) under the hostile corpus: no answer is a 5xx, and every error is RFC 9457
 * problem+json with a stable DevHealth type and no internals.
 */
class HostileRequestsTests {

    private static final String PROBLEM_BASE = "https://devhealth.io/problems/";
    private final Fixture fixture = Fixture.get();

    @Test
    void noHostileRequestIsAServerErrorAndEveryRefusalIsAProblem() throws Exception {
        String serviceToken = serviceToken();
        List<Probe> probes = new ArrayList<>();
        Map<String, Integer> operations = new LinkedHashMap<>();
        for (String service : Fixture.SERVICES) {
            JsonNode document = fixture.openApi(service);
            operations.put(service, operationCount(document));
            probes.addAll(new HostileCorpus(service, document, Map.of("org", Fixture.ORG,
                    "orgId", fixture.orgId.toString())).probes());
        }
        assertThat(probes).as("the corpus").hasSizeGreaterThanOrEqualTo(500);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            boolean internal = probe.path().startsWith("/internal/");
            String base = internal ? fixture.stack.serviceUrl(probe.service()) : fixture.stack.gatewayUrl();
            Exchange answer = fixture.send(base + probe.path(), probe.method(),
                    Map.of("Authorization", "Bearer " + (internal ? serviceToken : fixture.adminToken)), probe.body(),
                    probe.contentType());
            statuses.merge(answer.status(), 1, Integer::sum);
            String failure = judge(answer);
            if (failure != null) {
                failures.add(probe.what() + " → " + answer.status() + ": " + failure);
            }
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("operations", operations);
        figures.put("requests", probes.size());
        figures.put("statuses", statuses);
        figures.put("serverErrors", statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToInt(Map.Entry::getValue).sum());
        figures.put("failures", failures.size());
        figures.put("firstFailures", failures.stream().limit(50).toList());
        Fixture.writeFigures("hostile-requests", figures);
        assertThat(failures).as("%d of %d hostile requests answered badly", failures.size(), probes.size()).isEmpty();
    }

    /** Why the answer is wrong, or null when it is right. */
    private static String judge(Exchange answer) {
        if (answer.status() >= 500) {
            return "a server error: " + abbreviate(answer.body());
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "content type " + answer.contentType() + ": " + abbreviate(answer.body());
        }
        JsonNode problem;
        try {
            problem = Fixture.JSON.readTree(answer.body());
        } catch (Exception e) {
            return "not JSON: " + abbreviate(answer.body());
        }
        if (!problem.path("type").asText().startsWith(PROBLEM_BASE)) {
            return "type " + problem.path("type") + " is not a DevHealth problem type";
        }
        if (problem.path("status").asInt() != answer.status()) {
            return "status member " + problem.path("status") + " differs";
        }
        if (answer.body().matches("(?s).*(Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|io\\.devhealth).*")) {
            return "internals in the body: " + abbreviate(answer.body());
        }
        return null;
    }

    private static int operationCount(JsonNode document) {
        int count = 0;
        for (JsonNode path : document.path("paths")) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                count += path.has(method) ? 1 : 0;
            }
        }
        return count;
    }

    /** A service token of sync-service's (the internal endpoints' caller). */
    private String serviceToken() {
        byte[] body = Fixture.JSON.createObjectNode().put("clientId", "sync-service")
                .put("clientSecret", fixture.stack.serviceSecret()).toString().getBytes();
        Exchange answer = fixture.send(fixture.stack.serviceUrl("identity-service") + "/internal/v1/auth/service-token",
                "POST", Map.of(), body, "application/json");
        return Fixture.expect(answer, 200).json().get("accessToken").asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
