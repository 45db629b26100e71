package io.devhealth.identity.org.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MemberResourceIT extends MemberResourceTests {
}
