package io.devhealth.identity.auth.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SessionResourceIT extends SessionResourceTests {
}
