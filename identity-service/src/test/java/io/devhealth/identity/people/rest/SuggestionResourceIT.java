package io.devhealth.identity.people.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class SuggestionResourceIT extends SuggestionResourceTests {
}
