package io.devhealth.sync.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Collects one producer's rows for one table into batches and hands full batches to the session's writers.
 * One per producer thread and table (not thread-safe): producers never contend on a lock per row.
 *
 * <p>Usage per row: encode the columns into {@link #row()} in {@link Table#columns()} order, then call
 * {@link #endRow(byte[], byte[])} with the row's key (its ORDER BY columns after org/repo), which feeds the
 * batch's deduplication token.
 */
public final class TableBatcher implements AutoCloseable {

    private static final byte[] NO_KEY = new byte[0];

    private final SinkSession session;
    private final Table table;
    private final int maxRows;
    private final int maxBytes;
    private final MessageDigest keys;
    private RowBinaryBuffer buffer;
    private int rows;

    TableBatcher(SinkSession session, Table table, int maxRows, int maxBytes) {
        this.session = session;
        this.table = table;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        try {
            this.keys = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.buffer = newBuffer();
        startDigest();
    }

    private void startDigest() {
        keys.update(session.scope().getBytes(StandardCharsets.UTF_8));
        keys.update((byte) 0);
    }

    private static RowBinaryBuffer newBuffer() {
        return new RowBinaryBuffer();
    }

    /** The buffer to encode the next row into. */
    public RowBinaryBuffer row() {
        return buffer;
    }

    /** Ends a row with a one-part key. */
    public void endRow(String key) {
        endRow(key.getBytes(StandardCharsets.UTF_8), NO_KEY);
    }

    /**
     * Ends the row just encoded.
     *
     * @param key  the row's identity within the batch (e.g. the commit sha)
     * @param key2 a second key part (e.g. the path), or an empty array
     */
    public void endRow(byte[] key, byte[] key2) {
        keys.update(key);
        keys.update((byte) 0);
        keys.update(key2);
        keys.update((byte) 0);
        rows++;
        if (rows >= maxRows || buffer.length() >= maxBytes) {
            flush();
        }
    }

    /** Rows encoded but not yet handed to the writers. */
    public int bufferedRows() {
        return rows;
    }

    /** Hands the current batch (if any) to the writers; blocks while their queue is full. */
    public void flush() {
        if (rows == 0) {
            return;
        }
        String token = table.name() + "-" + session.version() + "-" + rows + "-"
                + HexFormat.of().formatHex(keys.digest(), 0, 16);
        startDigest(); // digest() reset it
        Batch batch = new Batch(table, buffer, rows, token);
        buffer = newBuffer();
        rows = 0;
        session.submit(batch);
    }

    /** Flushes the remainder. */
    @Override
    public void close() {
        flush();
    }
}
