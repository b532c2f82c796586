package org.pilegate.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataBlockTest {

    @Test
    void registerBlockHoldsUnsignedWords() {
        RegisterBlock block = RegisterBlock.of(0, 1, 0x8000, 0xFFFF);
        assertEquals(4, block.size());
        assertEquals(0x8000, block.get(2));
        assertEquals(0xFFFF, block.get(3));
    }

    @Test
    void registerBlockRejectsValuesOutsideSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> RegisterBlock.of(0x10000));
        assertThrows(IllegalArgumentException.class, () -> RegisterBlock.of(1, -1));
    }

    @Test
    void registerBlockCannotBeChangedThroughArrays() {
        int[] source = {1, 2, 3};
        RegisterBlock block = RegisterBlock.of(source);
        source[0] = 99;
        block.toArray()[1] = 99;
        assertArrayEquals(new int[] {1, 2, 3}, block.toArray());
    }

    @Test
    void registerBlockSlicesAndCompares() {
        RegisterBlock block = RegisterBlock.of(10, 11, 12, 13);
        assertEquals(RegisterBlock.of(11, 12), block.slice(1, 2));
        assertEquals(RegisterBlock.of(10, 11, 12, 13).hashCode(), block.hashCode());
        assertNotEquals(RegisterBlock.of(10, 11, 12), block);
        assertThrows(IndexOutOfBoundsException.class, () -> block.slice(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> block.get(4));
    }

    @Test
    void bitBlockHoldsBitsImmutably() {
        boolean[] source = {true, false, true};
        BitBlock block = BitBlock.of(source);
        source[1] = true;
        block.toArray()[0] = false;
        assertEquals(3, block.size());
        assertTrue(block.get(0));
        assertFalse(block.get(1));
        assertEquals("BitBlock[101]", block.toString());
    }

    @Test
    void bitBlockSlicesAndCompares() {
        BitBlock block = BitBlock.of(true, false, false, true);
        assertEquals(BitBlock.of(false, true), block.slice(2, 2));
        assertEquals(BitBlock.of(true, false, false, true).hashCode(), block.hashCode());
        assertNotEquals(BitBlock.of(true, false, false, false), block);
        assertThrows(IndexOutOfBoundsException.class, () -> block.slice(-1, 1));
    }
}
