package org.pilegate.modbus;

import java.util.Arrays;
import java.util.Objects;

/** Immutable run of 16-bit registers, each held as an unsigned value 0..65535. */
public final class RegisterBlock implements DataBlock {

    private final int[] words;

    private RegisterBlock(int[] words) {
        this.words = words;
    }

    /** A block of the given unsigned words; the array is copied. */
    public static RegisterBlock of(int... words) {
        int[] copy = words.clone();
        for (int word : copy) {
            if (word < 0 || word > 0xFFFF) {
                throw new IllegalArgumentException("register value must be 0..65535, was " + word);
            }
        }
        return new RegisterBlock(copy);
    }

    @Override
    public int size() {
        return words.length;
    }

    /** The unsigned value of register {@code index}. */
    public int get(int index) {
        return words[Objects.checkIndex(index, words.length)];
    }

    /** The value of {@code type} whose first register is {@code offset}; see {@link ValueDecoder}. */
    public Number decode(int offset, RegisterType type, WordOrder order) {
        return ValueDecoder.decode(this, offset, type, order);
    }

    @Override
    public RegisterBlock slice(int offset, int count) {
        Objects.checkFromIndexSize(offset, count, words.length);
        return new RegisterBlock(Arrays.copyOfRange(words, offset, offset + count));
    }

    /** A copy of the unsigned words. */
    public int[] toArray() {
        return words.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegisterBlock block && Arrays.equals(words, block.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "RegisterBlock" + Arrays.toString(words);
    }
}
