package io.devhealth.identity.incident.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class IncidentLinkCorrectionResourceIT extends IncidentLinkCorrectionResourceTests {
}
