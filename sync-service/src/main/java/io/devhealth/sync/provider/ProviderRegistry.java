package io.devhealth.sync.provider;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * The providers this instance can sync: every {@link ProviderSync} bean, by its {@link ProviderSync#provider()}
 * key. Two beans claiming one key fail the start-up (a configuration must never depend on bean order).
 */
@ApplicationScoped
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

    private final Map<String, ProviderSync> providers;

    @Inject
    public ProviderRegistry(@Any Instance<ProviderSync> beans) {
        this(beans.stream().toList());
    }

    /** @throws IllegalStateException a blank key, or two providers with one key */
    public ProviderRegistry(Iterable<ProviderSync> beans) {
        Map<String, ProviderSync> byName = new TreeMap<>();
        for (ProviderSync provider : beans) {
            String name = provider.provider();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(provider.getClass().getName() + " declares no provider key");
            }
            ProviderSync previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                throw new IllegalStateException("two ProviderSync beans for provider " + name + ": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
            LOG.debugf("provider %s: options %s, writes %s", name, provider.options().keySet(),
                    provider.tables().stream().map(table -> table.name()).toList());
        }
        this.providers = Map.copyOf(byName);
    }

    /** The provider for {@code key}, if this instance has one. */
    public Optional<ProviderSync> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(providers.get(key));
    }

    /**
     * The provider for {@code key}.
     *
     * @throws SyncFailedException "provider X is not supported (this sync-service runs: a, b)": the run's error
     */
    public ProviderSync require(String key) throws SyncFailedException {
        return find(key).orElseThrow(() -> new SyncFailedException("provider " + key
                + " is not supported (this sync-service runs: " + String.join(", ", new TreeMap<>(providers).keySet())
                + ")"));
    }

    /** Every provider, by key (sorted). */
    public Map<String, ProviderSync> all() {
        return new TreeMap<>(providers);
    }
}
