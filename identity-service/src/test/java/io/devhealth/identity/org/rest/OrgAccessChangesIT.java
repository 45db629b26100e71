package io.devhealth.identity.org.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class OrgAccessChangesIT extends OrgAccessChangesTests {
}
