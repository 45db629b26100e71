package io.devhealth.sync.sink;

/**
 * An insert failed for good (after retries, or with an error retrying cannot fix). The message is fit for users:
 * table, ClickHouse error code and message, never credentials.
 */
public class ClickHouseWriteException extends RuntimeException {

    public ClickHouseWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
