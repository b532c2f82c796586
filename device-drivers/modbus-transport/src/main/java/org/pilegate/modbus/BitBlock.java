package org.pilegate.modbus;

import java.util.Arrays;
import java.util.Objects;

/** Immutable run of coils or discrete inputs. */
public final class BitBlock implements DataBlock {

    private final boolean[] bits;

    private BitBlock(boolean[] bits) {
        this.bits = bits;
    }

    /** A block of the given bits; the array is copied. */
    public static BitBlock of(boolean... bits) {
        return new BitBlock(bits.clone());
    }

    @Override
    public int size() {
        return bits.length;
    }

    public boolean get(int index) {
        return bits[Objects.checkIndex(index, bits.length)];
    }

    @Override
    public BitBlock slice(int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bits.length);
        return new BitBlock(Arrays.copyOfRange(bits, offset, offset + count));
    }

    /** A copy of the bits. */
    public boolean[] toArray() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitBlock block && Arrays.equals(bits, block.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("BitBlock[");
        for (boolean bit : bits) {
            text.append(bit ? '1' : '0');
        }
        return text.append(']').toString();
    }
}
