package org.pilegate.modbus;

/** What a read returns: registers or bits, always immutable. */
public sealed interface DataBlock permits RegisterBlock, BitBlock {

    /** Number of registers or bits. */
    int size();

    /** The {@code count} items starting at {@code offset}, e.g. one request's share of a merged read. */
    DataBlock slice(int offset, int count);
}
