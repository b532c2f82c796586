package org.pilegate.modbus;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns a value into the registers a device holds for it: the inverse of {@link ValueDecoder}, for writing
 * setpoints and for devices that serve registers (the simulator). Values that do not fit the type are refused,
 * never truncated silently.
 */
public final class ValueEncoder {

    private ValueEncoder() {
    }

    public static RegisterBlock encode(Number value, RegisterType type, WordOrder order) {
        Objects.requireNonNull(value, "value");
        ByteBuffer bytes = ByteBuffer.allocate(type.words() * 2);
        switch (type) {
            case INT16 -> bytes.putShort((short) checkRange(value, Short.MIN_VALUE, Short.MAX_VALUE, type));
            case UINT16 -> bytes.putShort((short) checkRange(value, 0, 0xFFFF, type));
            case INT32 -> bytes.putInt((int) checkRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, type));
            case UINT32 -> bytes.putInt((int) checkRange(value, 0, 0xFFFF_FFFFL, type));
            case INT64 -> bytes.putLong(value.longValue());
            case UINT64 -> bytes.putLong(checkRange(value, 0, Long.MAX_VALUE, type));
            case FLOAT32 -> bytes.putFloat(value.floatValue());
            case FLOAT64 -> bytes.putDouble(value.doubleValue());
        }
        bytes.flip();
        int[] words = new int[type.words()];
        for (int i = 0; i < words.length; i++) {
            short raw = bytes.getShort();
            int word = Short.toUnsignedInt(order.swapsBytes() ? Short.reverseBytes(raw) : raw);
            words[order.swapsWords() ? words.length - 1 - i : i] = word;
        }
        return RegisterBlock.of(words);
    }

    private static long checkRange(Number value, long min, long max, RegisterType type) {
        long whole = value.longValue();
        if (whole < min || whole > max || (value instanceof Double || value instanceof Float)
                && whole != value.doubleValue()) {
            throw new IllegalArgumentException(value + " does not fit " + type + " (" + min + " to " + max + ")");
        }
        return whole;
    }
}
