package org.pilegate.modbus;

/**
 * How a device lays out a multi-register value. The names spell the bytes of a 32-bit value {@code 0xAABBCCDD}
 * in register order; for 64-bit values the same rule applies to all four registers, so the word-swapped orders
 * reverse all of them (as openHAB's {@code *_swap} types do). For 16-bit values only the byte swap matters.
 */
public enum WordOrder {
    /** High word first, high byte first: the Modbus convention. */
    ABCD(false, false),
    /** Low word first ("word swapped"), common with meters built on little-endian controllers. */
    CDAB(true, false),
    /** High word first with the two bytes of every register swapped. */
    BADC(false, true),
    /** Low word first with the bytes swapped as well: fully little-endian. */
    DCBA(true, true);

    private final boolean swapsWords;
    private final boolean swapsBytes;

    WordOrder(boolean swapsWords, boolean swapsBytes) {
        this.swapsWords = swapsWords;
        this.swapsBytes = swapsBytes;
    }

    public boolean swapsWords() {
        return swapsWords;
    }

    public boolean swapsBytes() {
        return swapsBytes;
    }
}
