package io.devhealth.analytics;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs an {@link IdentityStub} for the application under test: identity-service's URL, hence the JWKS that
 * verifies tokens and the org lookups, point at it. Tests get it in a field marked {@link InjectIdentityStub}.
 */
public class IdentityStubResource implements QuarkusTestResourceLifecycleManager {

    private IdentityStub identity;

    @Override
    public Map<String, String> start() {
        identity = IdentityStub.start();
        return Map.of("devhealth.identity.url", identity.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(identity,
                new TestInjector.AnnotatedAndMatchesType(InjectIdentityStub.class, IdentityStub.class));
    }

    @Override
    public void stop() {
        if (identity != null) {
            identity.close();
        }
    }
}
