package org.pilegate.modbus.internal;

import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteCoils;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;
import org.pilegate.modbus.WriteRequest;

import io.netty.buffer.ByteBuf;

/**
 * Modbus TCP frames (MBAP header and PDU, Modbus Messaging on TCP/IP 1.0b) of the transport's operations, and
 * every check an answer must pass before its values reach a caller: a late answer to an earlier request, one for
 * another unit or another function would otherwise hand the caller someone else's values.
 */
final class Mbap {

    /** The MBAP header: transaction id, protocol id, length, unit id. */
    static final int HEADER_BYTES = 7;
    /** The header and the largest PDU, 253 bytes. */
    static final int MAX_FRAME_BYTES = 260;
    /** Where the header's length field, the bytes that follow it, sits. */
    static final int LENGTH_OFFSET = 4;
    private static final int EXCEPTION_BIT = 0x80;

    private Mbap() {
    }

    /** Appends the request frame of {@code operation} to {@code out}. */
    static void writeRequest(ByteBuf out, int transactionId, Operation<?> operation) {
        int start = out.writerIndex();
        out.writeShort(transactionId).writeShort(0).writeShort(0).writeByte(operation.unitId());
        out.writeByte(function(operation));
        if (operation instanceof Operation.Read<?> reading) {
            out.writeShort(reading.read().address()).writeShort(reading.read().count());
        } else {
            writeValues(out, ((Operation.Write) operation).write());
        }
        out.setShort(start + LENGTH_OFFSET, out.writerIndex() - start - LENGTH_OFFSET - 2);
    }

    /**
     * The result of {@code operation} from a whole answer frame, header included.
     *
     * @throws ModbusSlaveException if the device answered with an exception
     * @throws ModbusProtocolException if the answer is not one to this request
     */
    @SuppressWarnings("unchecked") // a read's function decides its result type (Operation.bits and .registers)
    static <T> T readAnswer(ByteBuf frame, int transactionId, Operation<T> operation) throws ModbusException {
        int start = frame.readerIndex();
        int answered = frame.getUnsignedShort(start);
        if (answered != transactionId) {
            throw protocol("transaction id " + answered + " answers " + transactionId);
        }
        int protocolId = frame.getUnsignedShort(start + 2);
        if (protocolId != 0) {
            throw protocol("protocol id " + protocolId + " is not Modbus (0)");
        }
        if (frame.readableBytes() < HEADER_BYTES + 1) {
            throw protocol("a frame of " + frame.readableBytes() + " bytes holds no function code");
        }
        int unitId = frame.getUnsignedByte(start + 6);
        if (unitId != operation.unitId()) {
            throw protocol("unit id " + unitId + " answers " + operation.unitId());
        }
        int function = frame.getUnsignedByte(start + HEADER_BYTES);
        if ((function & ~EXCEPTION_BIT) != function(operation)) {
            throw protocol("function " + function + " answers " + function(operation));
        }
        ByteBuf data = frame.slice(start + HEADER_BYTES + 1, frame.readableBytes() - HEADER_BYTES - 1);
        if ((function & EXCEPTION_BIT) != 0) {
            if (data.readableBytes() != 1) {
                throw protocol("an exception answer to " + operation.description() + " of " + data.readableBytes()
                        + " bytes");
            }
            throw new ModbusSlaveException(data.getUnsignedByte(0));
        }
        if (operation instanceof Operation.Read<?> reading) {
            ReadRequest read = reading.read();
            return (T) (read.function().readsBits() ? bits(read, data) : registers(read, data));
        }
        checkEcho(((Operation.Write) operation).write(), data);
        return null;
    }

    private static int function(Operation<?> operation) {
        if (operation instanceof Operation.Read<?> reading) {
            return reading.read().function().code();
        }
        WriteRequest write = ((Operation.Write) operation).write();
        if (write instanceof WriteCoil) {
            return 5;
        }
        if (write instanceof WriteRegister) {
            return 6;
        }
        return write instanceof WriteCoils ? 15 : 16;
    }

    private static void writeValues(ByteBuf out, WriteRequest write) {
        out.writeShort(write.address());
        if (write instanceof WriteCoil coil) {
            out.writeShort(coil.value() ? 0xFF00 : 0);
        } else if (write instanceof WriteRegister register) {
            out.writeShort(register.value());
        } else if (write instanceof WriteCoils coils) {
            BitBlock values = coils.values();
            byte[] packed = new byte[(values.size() + 7) / 8];
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i)) {
                    packed[i / 8] |= (byte) (1 << i % 8);
                }
            }
            out.writeShort(values.size()).writeByte(packed.length).writeBytes(packed);
        } else {
            RegisterBlock values = ((WriteRegisters) write).values();
            out.writeShort(values.size()).writeByte(2 * values.size());
            for (int i = 0; i < values.size(); i++) {
                out.writeShort(values.get(i));
            }
        }
    }

    /** data = byte count, then the registers. */
    private static RegisterBlock registers(ReadRequest read, ByteBuf data) throws ModbusProtocolException {
        int bytes = byteCount(read, data);
        if (bytes != 2 * read.count()) {
            throw protocol(bytes / 2 + " registers answer " + read);
        }
        int[] words = new int[read.count()];
        for (int i = 0; i < words.length; i++) {
            words[i] = data.getUnsignedShort(1 + 2 * i);
        }
        return RegisterBlock.of(words);
    }

    /** data = byte count, then the bits, lowest first; answers come in whole bytes, so a few more bits are normal. */
    private static BitBlock bits(ReadRequest read, ByteBuf data) throws ModbusProtocolException {
        int bytes = byteCount(read, data);
        if (8 * bytes < read.count()) {
            throw protocol(8 * bytes + " bits answer " + read);
        }
        boolean[] bits = new boolean[read.count()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (data.getUnsignedByte(1 + i / 8) >> i % 8 & 1) != 0;
        }
        return BitBlock.of(bits);
    }

    private static int byteCount(ReadRequest read, ByteBuf data) throws ModbusProtocolException {
        if (data.readableBytes() < 1 || data.getUnsignedByte(0) != data.readableBytes() - 1) {
            throw protocol("the answer to " + read + " holds " + data.readableBytes() + " bytes, not as many as its"
                    + " byte count says");
        }
        return data.getUnsignedByte(0);
    }

    /** A write is answered with its address and its value or count. */
    private static void checkEcho(WriteRequest write, ByteBuf data) throws ModbusProtocolException {
        if (data.readableBytes() != 4 || data.getUnsignedShort(0) != write.address()) {
            throw protocol("the answer to " + write + " does not echo its address");
        }
    }

    private static ModbusProtocolException protocol(String message) {
        return new ModbusProtocolException(message, null);
    }
}
