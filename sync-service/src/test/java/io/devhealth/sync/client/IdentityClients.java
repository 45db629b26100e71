package io.devhealth.sync.client;

import java.net.URI;
import java.time.Clock;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** {@link IdentityClient}s built by hand (no CDI: no fault-tolerance interceptors) for other base URLs. */
public final class IdentityClients {

    private IdentityClients() {
    }

    /** A client of an identity-service at {@code baseUri}, e.g. an address where nothing listens. */
    public static IdentityClient at(URI baseUri) {
        IdentityRestClient rest = RestClientBuilder.newBuilder().baseUri(baseUri).build(IdentityRestClient.class);
        return new IdentityClient(rest, new ServiceTokens(rest, "unused-secret", Clock.systemUTC()));
    }
}
