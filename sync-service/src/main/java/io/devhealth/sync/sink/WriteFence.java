package io.devhealth.sync.sink;

/**
 * Decides, before each batch is inserted, whether this process may still write for the run. A replica that
 * cannot renew its run's lease must stop writing before the lease can expire: after that another replica may
 * take the run over, and two writers would race on the same rows.
 */
@FunctionalInterface
public interface WriteFence {

    /** Never closes (tools and tests that hold no lease). */
    WriteFence NONE = () -> { };

    /** @throws FencedWriteException when this process may no longer write for the run */
    void check();

    /** The fence has closed: the message says why (fit for users, it becomes the run's error). */
    final class FencedWriteException extends ClickHouseWriteException {

        public FencedWriteException(String message) {
            super(message, null);
        }
    }
}
