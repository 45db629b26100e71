package io.devhealth.identity.user.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class UserResourceIT extends UserResourceTests {
}
