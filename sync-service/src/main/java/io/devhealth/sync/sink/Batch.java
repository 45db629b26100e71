package io.devhealth.sync.sink;

/**
 * A block of RowBinary rows for one table, inserted with one request.
 *
 * @param table               target table and column order
 * @param data                the RowBinary rows
 * @param rows                number of rows encoded
 * @param deduplicationToken  {@code insert_deduplication_token}: derived from the table, the run's version and the
 *                            rows' keys, so a retried insert of the same batch is dropped by ClickHouse
 */
public record Batch(Table table, RowBinaryBuffer data, int rows, String deduplicationToken) {
}
