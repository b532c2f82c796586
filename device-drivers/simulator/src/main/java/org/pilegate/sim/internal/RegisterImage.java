package org.pilegate.sim.internal;

import java.util.Arrays;

import org.pilegate.modbus.RegisterBlock;

/** The present values of one device's tables; bits are held as 0 or 1. Not thread-safe: its device guards it. */
final class RegisterImage {

    private final RegisterMap map;
    private final int[][] values = new int[Table.values().length][];

    RegisterImage(RegisterMap map) {
        this.map = map;
        for (Table table : Table.values()) {
            values[table.ordinal()] = new int[map.size(table)];
        }
    }

    /** @throws IllegalArgumentException if the map does not serve the block's addresses */
    void put(Table table, int address, RegisterBlock block) {
        int index = map.index(table, address, block.size()).orElseThrow(() -> new IllegalArgumentException(
                table + " " + address + ".." + (address + block.size() - 1) + " is not mapped"));
        for (int i = 0; i < block.size(); i++) {
            values[table.ordinal()][index + i] = block.get(i);
        }
    }

    void putBit(Table table, int address, boolean bit) {
        put(table, address, RegisterBlock.of(bit ? 1 : 0));
    }

    /** @throws RequestRejected with illegal data address if any of them is not served */
    int[] registers(Table table, int address, int count) {
        int index = served(table, address, count);
        return Arrays.copyOfRange(values[table.ordinal()], index, index + count);
    }

    /** @throws RequestRejected with illegal data address if any of them is not served */
    boolean[] bits(Table table, int address, int count) {
        int index = served(table, address, count);
        boolean[] bits = new boolean[count];
        for (int i = 0; i < count; i++) {
            bits[i] = values[table.ordinal()][index + i] != 0;
        }
        return bits;
    }

    private int served(Table table, int address, int count) {
        return map.index(table, address, count)
                .orElseThrow(() -> new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS));
    }
}
