package io.devhealth.sync.provider.http;

import java.time.Duration;
import java.time.Instant;

import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.sink.ClickHouseWriteException;

/**
 * One run of an HTTP provider as every provider starts it: the authenticated client, the progress, the committed
 * cursor (reset for a full refresh when one is due), the run's clock reading and its backfill window.
 *
 * @param now           the run's single clock reading (watermarks, the full-refresh decision)
 * @param backfillStart the start of the backfill window, or {@code null} for all history
 * @param fullRefresh   this run reads everything again and tombstones what the source no longer lists
 */
public record HttpRun(ApiClient client, RunProgress progress, ProviderCursor cursor, Instant now,
        Instant backfillStart, boolean fullRefresh) {

    /** The provider's work once the run is started. */
    @FunctionalInterface
    public interface Work {
        SyncOutcome sync(HttpRun run) throws InterruptedException, SyncFailedException;
    }

    /**
     * Starts a run of {@code api} for {@code context}.
     *
     * @throws SyncFailedException the configured credential cannot be used
     */
    public static HttpRun start(ApiClients clients, ProviderApi api, SyncContext context) throws SyncFailedException {
        RunProgress progress = new RunProgress(context.progress(), api.name());
        ApiClient client = clients.open(api, context, progress);
        ProviderCursor cursor = ProviderCursor.from(context.cursor(), api.baseUrl().toString());
        Instant now = clients.time().clock().instant();
        Instant backfillStart = context.backfillDays() == null ? null
                : now.minus(Duration.ofDays(context.backfillDays()));
        boolean fullRefresh = cursor.fullRefreshDue(now, clients.config().fullRefreshInterval());
        return new HttpRun(client, progress, fullRefresh ? cursor.fullRefresh(now) : cursor, now, backfillStart,
                fullRefresh);
    }

    /**
     * Does the work, turning what can go wrong into the run's error: an API failure (its message names the request;
     * the committed cursor stays), a ClickHouse write failure, an interrupt.
     */
    public SyncOutcome execute(Work work) throws SyncFailedException {
        try {
            return work.sync(this);
        } catch (ApiException e) {
            throw new SyncFailedException(e.getMessage(), e);
        } catch (ClickHouseWriteException e) {
            throw new SyncFailedException("writing to ClickHouse failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }
}
