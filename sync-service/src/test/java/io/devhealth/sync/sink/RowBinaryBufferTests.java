package io.devhealth.sync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Byte-level checks of the RowBinary encoding against ClickHouse's documented layout (the round trip through a
 * real ClickHouse is in GitProviderSyncTests).
 */
class RowBinaryBufferTests {

    private static String hex(RowBinaryBuffer buffer) {
        return HexFormat.of().formatHex(buffer.toByteArray());
    }

    @Test
    void uuidIsTwoLittleEndianHalves() {
        RowBinaryBuffer b = new RowBinaryBuffer();
        b.uuid(UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"));
        assertThat(hex(b)).isEqualTo("0807060504030201" + "100f0e0d0c0b0a09");
    }

    @Test
    void stringLengthIsUnsignedLeb128() {
        RowBinaryBuffer b = new RowBinaryBuffer();
        b.string("x".repeat(300));
        assertThat(hex(b)).startsWith("ac02"); // 300 = 0b10_0101100 → 0xAC 0x02
        assertThat(b.length()).isEqualTo(302);
        RowBinaryBuffer small = new RowBinaryBuffer().string("\u00fc");
        assertThat(hex(small)).isEqualTo("02c3bc"); // UTF-8 bytes, not chars
    }

    @Test
    void fixedWidthValuesAreLittleEndian() {
        RowBinaryBuffer b = new RowBinaryBuffer();
        b.int16(-480).uint32(0xFFFF_FFFFL).dateTime64Millis(1_700_000_000_123L);
        assertThat(hex(b)).isEqualTo("20fe" + "ffffffff" + "7b68e5cf8b010000");
    }

    @Test
    void valuesSpanBlocks() {
        RowBinaryBuffer b = new RowBinaryBuffer();
        byte[] big = new byte[RowBinaryBuffer.BLOCK_SIZE * 2 + 123];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        for (int i = 0; i < 3; i++) {
            b.uint8(i).string(big).int64(-1);
        }
        byte[] bytes = b.toByteArray();
        int lengthBytes = 3; // LEB128 of 131,195
        int row = 1 + lengthBytes + big.length + 8;
        assertThat(bytes).hasSize(3 * row);
        assertThat(b.length()).isEqualTo(3L * row);
        for (int i = 0; i < 3; i++) {
            assertThat(bytes[i * row]).isEqualTo((byte) i);
            assertThat(java.util.Arrays.copyOfRange(bytes, i * row + 1 + lengthBytes, i * row + 1 + lengthBytes + big.length))
                    .isEqualTo(big);
        }
    }

    @Test
    void arraysAndNullables() {
        RowBinaryBuffer b = new RowBinaryBuffer();
        b.stringArray(List.of("ab", "")).nullableUuid(null);
        assertThat(hex(b)).isEqualTo("02" + "026162" + "00" + "01");
    }
}
