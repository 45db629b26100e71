package io.devhealth.sync.provider;

import java.util.List;
import java.util.Map;

import io.devhealth.sync.sink.Table;

/**
 * One provider's sync (git now; GitHub, GitLab, Jira, PagerDuty later). A provider is a CDI bean implementing this
 * interface in a package of its own ({@code provider/<name>/}): {@link ProviderRegistry} finds it by
 * {@link #provider()}, so adding a provider touches that one package and nothing else.
 */
public interface ProviderSync {

    /** The provider key as stored on sync configurations, e.g. {@code "git"}; unique among the beans. */
    String provider();

    /**
     * The configuration options this provider reads, name → what it means (shown in logs at start-up and to
     * newcomers), e.g. {@code {"repositoryPath": "absolute path of a git repository on the sync host"}}.
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /** The ClickHouse tables this provider writes (each with the column order of its inserts). */
    default List<Table> tables() {
        return List.of();
    }

    /**
     * Runs one sync to completion. Blocking: call it on a virtual or worker thread, never on the event loop.
     *
     * @return rows written per table, the cursor to commit on success, and non-fatal warnings
     * @throws SyncFailedException with a reason fit for users when the sync cannot complete; nothing written
     *         before the failure is reported as done (the job leaves the cursor unmoved)
     */
    SyncOutcome run(SyncContext context) throws SyncFailedException;
}
