package io.devhealth.identity.team.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class TeamResourceIT extends TeamResourceTests {
}
