package io.devhealth.sync.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A byte buffer (in fixed-size blocks) that encodes ClickHouse's RowBinary format
 * (https://clickhouse.com/docs/interfaces/formats/RowBinary): values back to back, little-endian, no column
 * headers. Only the types the DevHealth schema uses:
 * <ul>
 * <li>UInt8/UInt16/UInt32/UInt64, Int16, Int64: fixed width, little-endian;</li>
 * <li>String, LowCardinality(String): unsigned LEB128 length, then the bytes;</li>
 * <li>UUID: the two 64-bit halves, most significant first, each little-endian;</li>
 * <li>DateTime64(3): Int64 milliseconds since the epoch; Date: UInt16 days since the epoch;</li>
 * <li>Array(T): LEB128 count, then the elements; Nullable(T): UInt8 1 for NULL, else 0 then the value.</li>
 * </ul>
 * Not thread-safe.
 */
public final class RowBinaryBuffer {

    /**
     * Rows go into fixed-size blocks instead of one growing array: a 16 MB batch never needs a 16 MB (or, after a
     * 1.5x growth step, 24 MB) contiguous array, nothing is copied on growth, and the blocks go to the HTTP body as
     * they are.
     */
    static final int BLOCK_SIZE = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private byte[] bytes;
    private int length;
    private long flushed;

    public RowBinaryBuffer() {
        bytes = new byte[BLOCK_SIZE];
    }

    /** Bytes written so far. */
    public long length() {
        return flushed + length;
    }

    /** Writes the encoded bytes to {@code out} (may be called again, e.g. for a retried insert). */
    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < full.size(); i++) {
            out.write(full.get(i), 0, fullLengths.get(i));
        }
        out.write(bytes, 0, length);
    }

    /** A copy of the encoded bytes (tests, small buffers). */
    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length());
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Makes room for {@code extra} contiguous bytes (at most {@link #BLOCK_SIZE}). */
    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            full.add(bytes);
            fullLengths.add(length);
            flushed += length;
            bytes = new byte[BLOCK_SIZE];
            length = 0;
        }
    }

    public RowBinaryBuffer uint8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    public RowBinaryBuffer bool(boolean value) {
        return uint8(value ? 1 : 0);
    }

    public RowBinaryBuffer int16(int value) {
        ensure(2);
        bytes[length++] = (byte) value;
        bytes[length++] = (byte) (value >>> 8);
        return this;
    }

    public RowBinaryBuffer uint16(int value) {
        return int16(value);
    }

    public RowBinaryBuffer uint32(long value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public RowBinaryBuffer int64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public RowBinaryBuffer uint64(long value) {
        return int64(value);
    }

    /** DateTime64(3[, tz]): milliseconds since the epoch (UTC). */
    public RowBinaryBuffer dateTime64Millis(long epochMillis) {
        return int64(epochMillis);
    }

    /** Nullable(DateTime64(3[, tz])): {@code null} or milliseconds since the epoch (UTC). */
    public RowBinaryBuffer nullableDateTime64Millis(Long epochMillis) {
        return epochMillis == null ? uint8(1) : uint8(0).dateTime64Millis(epochMillis);
    }

    /** Nullable(UInt64). */
    public RowBinaryBuffer nullableUint64(Long value) {
        return value == null ? uint8(1) : uint8(0).uint64(value);
    }

    /** Nullable(Float64): {@code null} or an IEEE 754 double, little-endian. */
    public RowBinaryBuffer nullableFloat64(Double value) {
        return value == null ? uint8(1) : uint8(0).int64(Double.doubleToRawLongBits(value));
    }

    /** Date: days since 1970-01-01. */
    public RowBinaryBuffer date(long epochDay) {
        return uint16((int) epochDay);
    }

    public RowBinaryBuffer uuid(UUID value) {
        int64(value.getMostSignificantBits());
        return int64(value.getLeastSignificantBits());
    }

    public RowBinaryBuffer nullableUuid(UUID value) {
        if (value == null) {
            return uint8(1);
        }
        uint8(0);
        return uuid(value);
    }

    public RowBinaryBuffer string(String value) {
        String s = value == null ? "" : value;
        // Fast path for ASCII, the common case for shas, paths and emails.
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii && n <= BLOCK_SIZE) {
            varint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
            return this;
        }
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** String from raw bytes (e.g. a git path, which need not be UTF-8). */
    public RowBinaryBuffer string(byte[] value) {
        varint(value.length);
        int offset = 0;
        while (offset < value.length) {
            if (length == bytes.length) {
                ensure(1);
            }
            int n = Math.min(value.length - offset, bytes.length - length);
            System.arraycopy(value, offset, bytes, length, n);
            length += n;
            offset += n;
        }
        return this;
    }

    public RowBinaryBuffer stringArray(List<String> values) {
        varint(values.size());
        for (String value : values) {
            string(value);
        }
        return this;
    }

    /** Unsigned LEB128, as RowBinary uses for string lengths and array sizes. */
    public RowBinaryBuffer varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
        return this;
    }
}
