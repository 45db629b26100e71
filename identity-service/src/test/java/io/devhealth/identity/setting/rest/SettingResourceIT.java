package io.devhealth.identity.setting.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class SettingResourceIT extends SettingResourceTests {
}
