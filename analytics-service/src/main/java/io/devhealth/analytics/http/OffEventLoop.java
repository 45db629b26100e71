package io.devhealth.analytics.http;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Blocking work of a request that runs on the event loop (an endpoint answering a {@link Uni}): it goes to a worker
 * thread of the request's own Vert.x context, whose OpenTelemetry context it keeps, and its result comes back on the
 * event loop. The CDI request context is not carried over: take what the work needs from it (the caller's token)
 * before.
 */
public final class OffEventLoop {

    private OffEventLoop() {
    }

    /** {@code work} on a worker thread; run in place when called off Vert.x (a test calling a service directly). */
    public static <T> Uni<T> call(Supplier<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work::get, false).toCompletionStage());
    }
}
