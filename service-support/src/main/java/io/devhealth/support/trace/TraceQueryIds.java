package io.devhealth.support.trace;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * ClickHouse query ids that carry the current trace: {@code <traceId>-<16 hex random>} (32 + 1 + 16 characters)
 * while a span is current, 32 random hex digits otherwise. ClickHouse's {@code system.query_log} and its server logs
 * then lead from a slow query to the request or sync run that sent it, and back. Every service that talks to
 * ClickHouse names its queries with these (analytics through its JDBC driver, sync-service per statement).
 */
public final class TraceQueryIds {

    private static final HexFormat HEX = HexFormat.of();

    private TraceQueryIds() {
    }

    /** The id for a statement sent now, on this thread (the current OpenTelemetry context's span). */
    public static String next() {
        SpanContext span = Span.current().getSpanContext();
        String random = HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
        if (span.isValid()) {
            return span.getTraceId() + "-" + random;
        }
        return random + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
