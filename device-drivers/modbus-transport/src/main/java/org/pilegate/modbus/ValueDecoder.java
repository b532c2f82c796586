package org.pilegate.modbus;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes numbers stored across registers. Every method reads {@link RegisterType#words()} registers starting at
 * {@code offset} and rearranges them into big-endian order according to the {@link WordOrder}.
 * <p>
 * Floats are returned as stored: NaN and infinities pass through unchanged, because meters use NaN to say "no
 * reading" and only the caller knows what that means for its value.
 */
public final class ValueDecoder {

    private ValueDecoder() {
    }

    public static int int16(RegisterBlock block, int offset, WordOrder order) {
        return bigEndian(block, offset, 1, order).getShort();
    }

    public static int uint16(RegisterBlock block, int offset, WordOrder order) {
        return Short.toUnsignedInt(bigEndian(block, offset, 1, order).getShort());
    }

    public static int int32(RegisterBlock block, int offset, WordOrder order) {
        return bigEndian(block, offset, 2, order).getInt();
    }

    public static long uint32(RegisterBlock block, int offset, WordOrder order) {
        return Integer.toUnsignedLong(bigEndian(block, offset, 2, order).getInt());
    }

    public static float float32(RegisterBlock block, int offset, WordOrder order) {
        return bigEndian(block, offset, 2, order).getFloat();
    }

    public static long int64(RegisterBlock block, int offset, WordOrder order) {
        return bigEndian(block, offset, 4, order).getLong();
    }

    /**
     * An unsigned 64-bit value as a {@code long}.
     *
     * @throws ArithmeticException if the value exceeds {@link Long#MAX_VALUE}; energy counters that large mean a
     *             misconfigured register map, and a wrapped negative reading would be worse than a failure
     */
    public static long uint64(RegisterBlock block, int offset, WordOrder order) {
        long value = bigEndian(block, offset, 4, order).getLong();
        if (value < 0) {
            throw new ArithmeticException("uint64 value " + Long.toUnsignedString(value) + " does not fit in a long");
        }
        return value;
    }

    public static double float64(RegisterBlock block, int offset, WordOrder order) {
        return bigEndian(block, offset, 4, order).getDouble();
    }

    /**
     * Decodes a value whose type comes from data, such as a register map file: {@code Integer} for the 16-bit
     * types and INT32, {@code Long} for UINT32, INT64 and UINT64, {@code Float} for FLOAT32 and {@code Double} for
     * FLOAT64.
     */
    public static Number decode(RegisterBlock block, int offset, RegisterType type, WordOrder order) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case INT16 -> int16(block, offset, order);
            case UINT16 -> uint16(block, offset, order);
            case INT32 -> int32(block, offset, order);
            case UINT32 -> uint32(block, offset, order);
            case FLOAT32 -> float32(block, offset, order);
            case INT64 -> int64(block, offset, order);
            case UINT64 -> uint64(block, offset, order);
            case FLOAT64 -> float64(block, offset, order);
        };
    }

    private static ByteBuffer bigEndian(RegisterBlock block, int offset, int words, WordOrder order) {
        Objects.requireNonNull(order, "order");
        Objects.checkFromIndexSize(offset, words, block.size());
        ByteBuffer bytes = ByteBuffer.allocate(2 * words);
        for (int i = 0; i < words; i++) {
            int word = block.get(order.swapsWords() ? offset + words - 1 - i : offset + i);
            short raw = (short) word;
            bytes.putShort(order.swapsBytes() ? Short.reverseBytes(raw) : raw);
        }
        return bytes.flip();
    }
}
