package io.devhealth.sync.job.completion;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.devhealth.sync.client.HeartbeatRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.LeaseLostException;
import io.devhealth.sync.provider.ProgressListener;
import io.devhealth.sync.sink.WriteFence;

/**
 * The one heartbeat thread of a run: renews the lease every {@code interval} and, when the provider reports
 * progress, pushes it early — but at most once per {@code progressInterval}, however often the provider calls.
 * Every push carries the latest phase and counters, so identity's copy of the run is the live progress the
 * API shows. A heartbeat answered with lease-lost stops the thread and calls {@code onLeaseLost} once; other
 * failures are logged and the next beat tries again (the lease survives two missed beats).
 *
 * <p>It is also the run's {@link WriteFence}: identity extends the lease to at least {@code leaseSeconds} after a
 * renewal was <em>sent</em>, so the lease is known to be held until the last successful renewal's send time plus
 * the lease. Writes stop one heartbeat interval before that: a replica whose heartbeats cannot reach identity stops
 * writing before another replica can take the run over.
 */
public final class RunHeartbeat implements ProgressListener, WriteFence, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunHeartbeat.class);

    private final IdentityClient identity;
    private final UUID runId;
    private final String holder;
    private final int leaseSeconds;
    private final long intervalNanos;
    private final long progressIntervalNanos;
    private final Runnable onLeaseLost;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile Progress latest = new Progress("starting", 0, null);
    private volatile boolean stopped;
    private volatile boolean leaseLost;
    /** {@link System#nanoTime()} when the last successful renewal (or the claim, before the first) was sent. */
    private volatile long renewalSentNanos;
    private Thread thread;

    private RunHeartbeat(IdentityClient identity, UUID runId, String holder, int leaseSeconds, Duration interval,
            Duration progressInterval, Runnable onLeaseLost) {
        this.identity = identity;
        this.runId = runId;
        this.holder = holder;
        this.leaseSeconds = leaseSeconds;
        this.intervalNanos = interval.toNanos();
        this.progressIntervalNanos = progressInterval.toNanos();
        this.onLeaseLost = onLeaseLost;
        // The claim took the lease just before this heartbeat starts; claims time out long before one interval.
        this.renewalSentNanos = System.nanoTime();
    }

    /** Starts beating for a run just claimed (the claim itself took the lease, so the first beat is one interval out). */
    static RunHeartbeat start(IdentityClient identity, UUID runId, String holder, int leaseSeconds, Duration interval,
            Duration progressInterval, Runnable onLeaseLost) {
        RunHeartbeat heartbeat = new RunHeartbeat(identity, runId, holder, leaseSeconds, interval, progressInterval,
                onLeaseLost);
        heartbeat.thread = Thread.ofVirtual().name("sync-heartbeat-" + runId).start(heartbeat::beat);
        return heartbeat;
    }

    /** Records progress; cheap enough to call per item. */
    @Override
    public void progress(String phase, long itemsProcessed, Long itemsTotal) {
        latest = new Progress(phase, Math.max(0, itemsProcessed), itemsTotal == null ? null : Math.max(0, itemsTotal));
        if (dirty.compareAndSet(false, true)) {
            lock.lock();
            try {
                wake.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The last progress reported (also what completion records as items processed). */
    public Progress latest() {
        return latest;
    }

    /** Whether identity answered a heartbeat with lease-lost. */
    public boolean leaseLost() {
        return leaseLost;
    }

    /**
     * @throws FencedWriteException when the lease was lost, or when no renewal succeeded for so long that the lease
     *                              could expire within one heartbeat interval
     */
    @Override
    public void check() {
        if (leaseLost) {
            throw new FencedWriteException("stopped writing: the lease of sync run " + runId + " was lost");
        }
        long sinceRenewal = System.nanoTime() - renewalSentNanos;
        long leaseNanos = TimeUnit.SECONDS.toNanos(leaseSeconds);
        if (sinceRenewal > leaseNanos - intervalNanos) {
            throw new FencedWriteException("stopped writing: the lease of sync run " + runId + " was last renewed "
                    + TimeUnit.NANOSECONDS.toSeconds(sinceRenewal) + " s ago (identity-service unreachable?) and could "
                    + "expire within " + Math.max(0, TimeUnit.NANOSECONDS.toSeconds(leaseNanos - sinceRenewal))
                    + " s, after which another instance may take the run over");
        }
    }

    /** Stops the thread and waits briefly for it; an in-flight heartbeat is abandoned. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void beat() {
        long lastSent = System.nanoTime();
        while (!stopped) {
            Progress progress;
            try {
                progress = awaitDue(lastSent);
            } catch (InterruptedException e) {
                return;
            }
            if (progress == null) {
                return;
            }
            lastSent = System.nanoTime();
            try {
                identity.heartbeat(runId, new HeartbeatRequest(holder, leaseSeconds, progress.phase(),
                        progress.itemsProcessed(), progress.itemsTotal()));
                renewalSentNanos = lastSent;
            } catch (LeaseLostException e) {
                if (!stopped) {
                    leaseLost = true;
                    LOG.warnf("sync run %s: lease lost (another instance took it over or the run was ended); aborting",
                            runId);
                    onLeaseLost.run();
                }
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf("sync run %s: heartbeat failed, trying again at the next beat: %s", runId, e.toString());
            }
        }
    }

    /** Waits until a beat is due (interval elapsed, or progress pending and the throttle elapsed); null when stopped. */
    private Progress awaitDue(long lastSent) throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                long due = lastSent + (dirty.get() ? Math.min(intervalNanos, progressIntervalNanos) : intervalNanos);
                long wait = due - System.nanoTime();
                if (wait <= 0) {
                    dirty.set(false);
                    return latest;
                }
                wake.await(wait, TimeUnit.NANOSECONDS);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** @param itemsTotal null when unknown */
    public record Progress(String phase, long itemsProcessed, Long itemsTotal) {
    }
}
