package io.devhealth.sync.sink;

/** An insert failed in a way worth retrying: I/O, timeouts, HTTP 5xx from a proxy, overload error codes. */
public class TransientClickHouseException extends ClickHouseWriteException {

    public TransientClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
