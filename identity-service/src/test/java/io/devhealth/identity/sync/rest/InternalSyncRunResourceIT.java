package io.devhealth.identity.sync.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (and the AOT cache's training run, see the aot profile). */
@QuarkusIntegrationTest
class InternalSyncRunResourceIT extends InternalSyncRunResourceTests {
}
