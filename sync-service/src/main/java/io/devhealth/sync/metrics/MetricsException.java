package io.devhealth.sync.metrics;

/** A metrics recomputation failed; the message is fit for users (no SQL, no credentials). */
public class MetricsException extends RuntimeException {

    public MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
