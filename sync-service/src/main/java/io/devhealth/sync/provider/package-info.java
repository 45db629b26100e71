/**
 * What a provider is, and how the job finds it. A provider is a CDI bean implementing {@code ProviderSync} in a
 * package of its own ({@code provider/<name>/}): it declares its key (the configuration's {@code provider}), the
 * options it reads and the ClickHouse tables it writes, and runs one sync from a {@code SyncContext} to a
 * {@code SyncOutcome}. {@code ProviderRegistry} discovers every such bean at start-up (two beans with one key fail
 * the start); nothing else needs to know a new provider exists.
 *
 * <p>A provider writes through {@code io.devhealth.sync.sink.ClickHouseSink#open(long, String, WriteFence)} with
 * the context's version and fence: the fence stops its inserts before the run's lease could expire.
 */
package io.devhealth.sync.provider;
