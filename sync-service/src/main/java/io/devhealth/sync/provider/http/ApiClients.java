package io.devhealth.sync.provider.http;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.devhealth.sync.client.CredentialSecret;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityException;
import io.devhealth.sync.client.IdentityRejectedException;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;

/**
 * Opens the {@link ApiClient} of a run: reads the configuration's credential from identity (audited with the run
 * id; once per run, kept in memory only) and shares one JDK {@link HttpClient} (connection pool) and one
 * {@link CredentialGate} per credential across runs.
 */
@ApplicationScoped
public class ApiClients {

    private final HttpProviderConfig config;
    private final CredentialGates gates;
    private final IdentityClient identity;
    private final ProviderTime time;
    private final HttpClient http;
    private final RequestDeadlines deadlines;

    @Inject
    public ApiClients(HttpProviderConfig config, CredentialGates gates, IdentityClient identity, ProviderTime time) {
        this.config = config;
        this.gates = gates;
        this.identity = identity;
        this.time = time;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // ApiClient follows them, deciding where the token goes
                .version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.deadlines = new RequestDeadlines(config.requestTimeout());
    }

    @PreDestroy
    void close() {
        deadlines.close();
    }

    public HttpProviderConfig config() {
        return config;
    }

    public ProviderTime time() {
        return time;
    }

    /**
     * The client of one run of {@code api} for {@code context}'s configuration.
     *
     * @throws SyncFailedException the configured credential is gone, unreadable, or for another provider
     */
    public ApiClient open(ProviderApi api, SyncContext context, RunProgress progress) throws SyncFailedException {
        String secret = null;
        String gateKey = "anonymous:" + api.baseUrl();
        ProviderApi authenticated = api;
        if (context.credentialId() != null) {
            CredentialSecret credential = read(api, context);
            secret = credential.secret();
            authenticated = api.forCredential(credential.metadata() == null ? Map.of() : credential.metadata());
            gateKey = context.credentialId().toString();
        }
        return new ApiClient(authenticated, secret, http, deadlines, gates.gate(gateKey), time.clock(), time, progress,
                config);
    }

    /** A client with a given secret (or none), e.g. for benchmarks and tools outside a run. */
    public ApiClient open(ProviderApi api, String secret, String gateKey, RunProgress progress) {
        return new ApiClient(api, secret, http, deadlines, gates.gate(gateKey), time.clock(), time, progress, config);
    }

    private CredentialSecret read(ProviderApi api, SyncContext context) throws SyncFailedException {
        Optional<CredentialSecret> credential;
        try {
            credential = identity.readCredentialSecret(context.orgId(), context.credentialId(), context.runId());
        } catch (IdentityRejectedException e) {
            throw new SyncFailedException(e.status() == 409
                    ? "credential " + context.credentialId() + " cannot be decrypted; an admin must replace its secret"
                    : "identity-service refused to hand out credential " + context.credentialId() + " (" + e.status()
                            + ")", e);
        } catch (IdentityException | org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
            throw new SyncFailedException("could not read credential " + context.credentialId()
                    + " from identity-service: " + e.getMessage(), e);
        }
        CredentialSecret secret = credential.orElseThrow(() -> new SyncFailedException("credential "
                + context.credentialId() + " no longer exists; choose another one for configuration "
                + context.configurationName()));
        if (!api.name().equals(secret.provider())) {
            throw new SyncFailedException("credential " + context.credentialId() + " is a " + secret.provider()
                    + " credential, not a " + api.name() + " one");
        }
        if (secret.secret() == null || secret.secret().isBlank()) {
            throw new SyncFailedException("credential " + context.credentialId() + " has an empty secret");
        }
        if (secret.secret().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // The HTTP client would refuse the header, possibly quoting it in its message: say it here, without it.
            throw new SyncFailedException("credential " + context.credentialId() + " contains line breaks or control "
                    + "characters, which an HTTP header cannot carry; an admin must replace its secret");
        }
        return secret;
    }
}
