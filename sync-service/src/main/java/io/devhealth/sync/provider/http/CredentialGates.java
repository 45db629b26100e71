package io.devhealth.sync.provider.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One {@link CredentialGate} per credential for this instance, shared by all runs: two configurations using the same
 * token together never exceed {@code devhealth.provider.http.max-concurrency-per-credential} requests in flight.
 */
@ApplicationScoped
public class CredentialGates {

    private final Map<String, CredentialGate> gates = new ConcurrentHashMap<>();
    private final int permits;

    @Inject
    public CredentialGates(HttpProviderConfig config) {
        this(config.maxConcurrencyPerCredential());
    }

    public CredentialGates(int permits) {
        this.permits = permits;
    }

    /**
     * @param key the credential's id, or {@code anonymous:<base url>} for unauthenticated requests (those share the
     *            server's per-address limit)
     */
    public CredentialGate gate(String key) {
        return gates.computeIfAbsent(key, k -> new CredentialGate(permits));
    }
}
