package io.devhealth.identity.credential.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (and the AOT cache's training run, see the aot profile). */
@QuarkusIntegrationTest
class InternalCredentialResourceIT extends InternalCredentialResourceTests {
}
