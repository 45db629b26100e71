/**
 * Sync runs: how a configuration's run is started, executed, kept alive and recorded. One home per concern:
 * <ul>
 * <li>{@code rest}: the sync API (resources call {@code service} only);</li>
 * <li>{@code service}: the API's use cases ({@code SyncRunService}), the caller's rights ({@code RunAccess}) and
 * claiming + starting runs ({@code RunLauncher}, also the scheduler's entry point);</li>
 * <li>{@code schedule}: the poll for due configurations;</li>
 * <li>{@code execution}: slots, one virtual thread per run, the registry of this instance's runs, shutdown
 * ({@code RunExecutor}); the provider comes from {@code io.devhealth.sync.provider.ProviderRegistry};</li>
 * <li>{@code completion}: the lease protocol with identity-service after the claim: heartbeats (also the run's
 * write fence) and the one completion ({@code RunCompletion});</li>
 * <li>{@code config}: {@code devhealth.sync.*}.</li>
 * </ul>
 * identity-service's shapes and REST client live in {@code io.devhealth.sync.client}. Adding a provider touches none
 * of this: see {@code io.devhealth.sync.provider}.
 */
package io.devhealth.sync.job;
