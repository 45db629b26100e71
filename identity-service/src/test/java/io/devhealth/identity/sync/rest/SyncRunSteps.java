package io.devhealth.identity.sync.rest;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The internal run API as sync-service calls it. */
final class SyncRunSteps {

    static final String RUNS = "/internal/v1/sync-runs";

    private SyncRunSteps() {
    }

    static ValidatableResponse claim(String serviceToken, UUID configuration, String holder) {
        return claim(serviceToken, Map.of("syncConfigurationId", configuration.toString(), "trigger", "manual",
                "holder", holder, "leaseSeconds", 60));
    }

    static ValidatableResponse claim(String serviceToken, Map<String, Object> body) {
        return given().auth().oauth2(serviceToken).contentType(ContentType.JSON).body(body)
                .when().post(RUNS)
                .then();
    }

    static ValidatableResponse heartbeat(String serviceToken, String runId, Map<String, Object> body) {
        return given().auth().oauth2(serviceToken).contentType(ContentType.JSON).body(body)
                .when().post(RUNS + "/" + runId + "/heartbeat")
                .then();
    }

    /** Completes as {@code holder}; {@code fields} adds to or overrides the body. */
    static ValidatableResponse complete(String serviceToken, String runId, String holder, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("holder", holder, "itemsProcessed", 0));
        body.putAll(fields);
        return given().auth().oauth2(serviceToken).contentType(ContentType.JSON).body(body)
                .when().post(RUNS + "/" + runId + "/complete")
                .then();
    }
}
