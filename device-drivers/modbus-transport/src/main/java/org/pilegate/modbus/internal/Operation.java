package org.pilegate.modbus.internal;

import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteRequest;

/**
 * One Modbus exchange as the caller asked for it, whichever library carries it to the device. Its text only when a
 * log or an error needs it, since building it on every poll of thousands of devices showed in the allocation
 * profile.
 *
 * @param <T> what the answer is decoded to
 */
sealed interface Operation<T> permits Operation.Read, Operation.Write {

    /** The device addressed, for keeping silent devices from holding up the others. */
    int unitId();

    /** What the exchange is, for logs and errors. */
    String description();

    /** A read of registers or bits, as its function says. */
    static Read<? extends DataBlock> read(ReadRequest read) {
        return new Read<>(read);
    }

    /** Function 3 or 4. */
    static Read<RegisterBlock> registers(ReadRequest read) {
        if (read.function().readsBits()) {
            throw new IllegalArgumentException(read + " reads bits, not registers");
        }
        return new Read<>(read);
    }

    /** Function 1 or 2. */
    static Read<BitBlock> bits(ReadRequest read) {
        if (!read.function().readsBits()) {
            throw new IllegalArgumentException(read + " reads registers, not bits");
        }
        return new Read<>(read);
    }

    /** Decoded to a {@link BitBlock} if its function reads bits, else to a {@link RegisterBlock}. */
    record Read<T extends DataBlock>(ReadRequest read) implements Operation<T> {

        @Override
        public int unitId() {
            return read.unitId();
        }

        @Override
        public String description() {
            return read.toString();
        }
    }

    /** Function 5, 6, 15 or 16. */
    record Write(WriteRequest write) implements Operation<Void> {

        @Override
        public int unitId() {
            return write.unitId();
        }

        @Override
        public String description() {
            return write.toString();
        }
    }
}
