package io.devhealth.sync.clickhouse.cluster;

/** A migration statement that has no defined cluster form; the message names the statement. */
public class ClusterDdlException extends IllegalArgumentException {

    public ClusterDdlException(String message) {
        super(message);
    }
}
