package org.pilegate.sim.internal;

import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;

/**
 * Answers one request PDU (function code and data) for a device: decoding, the protocol's checks in the order the
 * Modbus application protocol v1.1b3 lays down (function, then quantity, then address), and encoding the answer.
 */
final class PduHandler {

    private static final int READ_COILS = 1;
    private static final int READ_DISCRETE_INPUTS = 2;
    private static final int READ_HOLDING_REGISTERS = 3;
    private static final int READ_INPUT_REGISTERS = 4;
    private static final int WRITE_SINGLE_COIL = 5;
    private static final int WRITE_SINGLE_REGISTER = 6;
    private static final int WRITE_MULTIPLE_COILS = 15;
    private static final int WRITE_MULTIPLE_REGISTERS = 16;

    private static final int MAX_READ_BITS = 2000;
    private static final int MAX_READ_REGISTERS = 125;
    private static final int MAX_WRITE_BITS = 1968;
    private static final int MAX_WRITE_REGISTERS = 123;
    private static final int ADDRESS_SPACE = 0x10000;
    private static final int COIL_ON = 0xFF00;

    private PduHandler() {
    }

    /**
     * Writes the answer to {@code request} into {@code response}.
     *
     * @param request from the function code to the end of the PDU
     * @param response with room for the largest PDU, 253 bytes
     */
    static void answer(ModbusDevice device, ByteBuffer request, ByteBuffer response) {
        int function = request.get() & 0xFF;
        int start = response.position();
        // every answer starts with the function code; an exception answer sets its high bit instead
        response.put((byte) function);
        try {
            switch (function) {
                case READ_COILS -> readBits(device, Table.COILS, request, response);
                case READ_DISCRETE_INPUTS -> readBits(device, Table.DISCRETE_INPUTS, request, response);
                case READ_HOLDING_REGISTERS -> readRegisters(device, Table.HOLDING_REGISTERS, request, response);
                case READ_INPUT_REGISTERS -> readRegisters(device, Table.INPUT_REGISTERS, request, response);
                case WRITE_SINGLE_COIL -> writeSingleCoil(device, request, response);
                case WRITE_SINGLE_REGISTER -> writeSingleRegister(device, request, response);
                case WRITE_MULTIPLE_COILS -> writeMultipleCoils(device, request, response);
                case WRITE_MULTIPLE_REGISTERS -> writeMultipleRegisters(device, request, response);
                default -> throw new RequestRejected(ExceptionCode.ILLEGAL_FUNCTION);
            }
        } catch (RequestRejected e) {
            response.position(start);
            exception(function, e.code().code(), response);
        }
    }

    static void exception(int function, int code, ByteBuffer response) {
        response.put((byte) (function | 0x80)).put((byte) code);
    }

    private static void readBits(ModbusDevice device, Table table, ByteBuffer request, ByteBuffer response) {
        Span span = readSpan(request, MAX_READ_BITS);
        boolean[] bits = device.readBits(table, span.address(), span.count());
        int bytes = bytesForBits(span.count());
        response.put((byte) bytes);
        for (int i = 0; i < bytes; i++) {
            int packed = 0;
            for (int bit = 0; bit < 8 && 8 * i + bit < bits.length; bit++) {
                packed |= bits[8 * i + bit] ? 1 << bit : 0;
            }
            response.put((byte) packed);
        }
    }

    private static void readRegisters(ModbusDevice device, Table table, ByteBuffer request, ByteBuffer response) {
        Span span = readSpan(request, MAX_READ_REGISTERS);
        int[] words = device.readRegisters(table, span.address(), span.count());
        response.put((byte) (2 * words.length));
        for (int word : words) {
            response.putShort((short) word);
        }
    }

    private static void writeSingleCoil(ModbusDevice device, ByteBuffer request, ByteBuffer response) {
        expectLength(request, 4);
        int address = unsignedShort(request);
        int value = unsignedShort(request);
        if (value != COIL_ON && value != 0) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        device.writeCoils(address, new boolean[] {value == COIL_ON});
        response.putShort((short) address).putShort((short) value);
    }

    private static void writeSingleRegister(ModbusDevice device, ByteBuffer request, ByteBuffer response) {
        expectLength(request, 4);
        int address = unsignedShort(request);
        int value = unsignedShort(request);
        device.writeRegisters(address, new int[] {value});
        response.putShort((short) address).putShort((short) value);
    }

    private static void writeMultipleCoils(ModbusDevice device, ByteBuffer request, ByteBuffer response) {
        Span span = writeSpan(request, MAX_WRITE_BITS, PduHandler::bytesForBits);
        boolean[] values = new boolean[span.count()];
        int first = request.position();
        for (int i = 0; i < values.length; i++) {
            values[i] = (request.get(first + i / 8) >> (i % 8) & 1) == 1;
        }
        device.writeCoils(span.address(), values);
        response.putShort((short) span.address()).putShort((short) span.count());
    }

    private static void writeMultipleRegisters(ModbusDevice device, ByteBuffer request, ByteBuffer response) {
        Span span = writeSpan(request, MAX_WRITE_REGISTERS, count -> 2 * count);
        int[] values = new int[span.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = unsignedShort(request);
        }
        device.writeRegisters(span.address(), values);
        response.putShort((short) span.address()).putShort((short) span.count());
    }

    private static Span readSpan(ByteBuffer request, int maxCount) {
        expectLength(request, 4);
        int address = unsignedShort(request);
        int count = quantity(request, maxCount);
        return inAddressSpace(address, count);
    }

    /** A multiple write's span; leaves {@code request} at the first data byte, exactly as many as announced. */
    private static Span writeSpan(ByteBuffer request, int maxCount, IntUnaryOperator bytesFor) {
        if (request.remaining() < 5) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        int address = unsignedShort(request);
        int count = quantity(request, maxCount);
        int bytes = request.get() & 0xFF;
        if (bytes != bytesFor.applyAsInt(count) || request.remaining() != bytes) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return inAddressSpace(address, count);
    }

    private static int bytesForBits(int count) {
        return (count + 7) / 8;
    }

    private static void expectLength(ByteBuffer request, int length) {
        if (request.remaining() != length) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }

    private static int quantity(ByteBuffer request, int max) {
        int count = unsignedShort(request);
        if (count < 1 || count > max) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return count;
    }

    private static Span inAddressSpace(int address, int count) {
        if (address + count > ADDRESS_SPACE) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        return new Span(address, count);
    }

    private static int unsignedShort(ByteBuffer buffer) {
        return buffer.getShort() & 0xFFFF;
    }

    /** Items a request addresses, checked against the protocol's limits. */
    private record Span(int address, int count) {
    }
}
