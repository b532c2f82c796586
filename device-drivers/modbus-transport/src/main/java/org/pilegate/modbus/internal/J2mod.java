package org.pilegate.modbus.internal;

import java.util.Locale;

import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.ModbusIOException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusTimeoutException;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteCoils;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;
import org.pilegate.modbus.WriteRequest;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/** Translation between the transport's blueprints and results and j2mod's messages and exceptions. */
final class J2mod {

    private J2mod() {
    }

    /** A fresh j2mod request for {@code operation}: j2mod messages are mutable, so one is never sent twice. */
    static ModbusRequest request(Operation<?> operation) {
        ModbusRequest request;
        if (operation instanceof Operation.Read<?> reading) {
            ReadRequest read = reading.read();
            request = switch (read.function()) {
                case READ_COILS -> new ReadCoilsRequest(read.address(), read.count());
                case READ_DISCRETE_INPUTS -> new ReadInputDiscretesRequest(read.address(), read.count());
                case READ_HOLDING_REGISTERS -> new ReadMultipleRegistersRequest(read.address(), read.count());
                case READ_INPUT_REGISTERS -> new ReadInputRegistersRequest(read.address(), read.count());
            };
        } else {
            request = writeMessage(((Operation.Write) operation).write());
        }
        request.setUnitID(operation.unitId());
        return request;
    }

    /** The caller's result from a validated answer to {@code operation}. */
    @SuppressWarnings("unchecked") // a read's function decides its result type (Operation.bits and .registers)
    static <T> T decode(Operation<T> operation, ModbusResponse response) throws ModbusProtocolException {
        if (operation instanceof Operation.Read<?> reading) {
            ReadRequest read = reading.read();
            return (T) (read.function().readsBits() ? bits(read, response) : registers(read, response));
        }
        return null;
    }

    /**
     * Rejects an answer that belongs to another exchange: a late reply to an earlier, timed-out request or a
     * device that answers for the wrong unit would otherwise hand the caller someone else's values.
     */
    static void checkEcho(ModbusRequest request, int sentTransactionId, ModbusResponse response)
            throws ModbusProtocolException {
        if (response == null) {
            throw new ModbusProtocolException("no response to " + request.getHexMessage(), null);
        }
        if (!response.isHeadless() && response.getTransactionID() != sentTransactionId) {
            throw new ModbusProtocolException("transaction id " + response.getTransactionID() + " answers "
                    + sentTransactionId, null);
        }
        if (response.getUnitID() != request.getUnitID()) {
            throw new ModbusProtocolException("unit id " + response.getUnitID() + " answers " + request.getUnitID(),
                    null);
        }
        if ((response.getFunctionCode() & ~Modbus.EXCEPTION_OFFSET) != request.getFunctionCode()) {
            throw new ModbusProtocolException("function " + response.getFunctionCode() + " answers "
                    + request.getFunctionCode(), null);
        }
    }

    /**
     * Maps a j2mod failure. j2mod drops the underlying exception and keeps only its text, so a timeout is
     * recognised by that text or by the attempt having lasted the whole timeout.
     */
    static ModbusIOException translate(ModbusException failure, boolean tookWholeTimeout) {
        String text = String.valueOf(failure.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (tookWholeTimeout || lower.contains("timeout") || lower.contains("timed out")) {
            return new ModbusTimeoutException(text, failure);
        }
        return new ModbusIOException(text, failure);
    }

    private static ModbusRequest writeMessage(WriteRequest write) {
        if (write instanceof WriteCoil coil) {
            return new WriteCoilRequest(coil.address(), coil.value());
        }
        if (write instanceof WriteCoils coils) {
            BitVector bits = new BitVector(coils.values().size());
            for (int i = 0; i < bits.size(); i++) {
                bits.setBit(i, coils.values().get(i));
            }
            return new WriteMultipleCoilsRequest(coils.address(), bits);
        }
        if (write instanceof WriteRegister register) {
            return new WriteSingleRegisterRequest(register.address(), new SimpleRegister(register.value()));
        }
        // the last member of the sealed hierarchy
        WriteRegisters registers = (WriteRegisters) write;
        Register[] words = new Register[registers.values().size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = new SimpleRegister(registers.values().get(i));
        }
        return new WriteMultipleRegistersRequest(registers.address(), words);
    }

    private static RegisterBlock registers(ReadRequest read, ModbusResponse response)
            throws ModbusProtocolException {
        InputRegister[] words = response instanceof ReadMultipleRegistersResponse holding
                ? holding.getRegisters()
                : ((ReadInputRegistersResponse) response).getRegisters();
        if (words == null || words.length != read.count()) {
            throw new ModbusProtocolException(
                    (words == null ? 0 : words.length) + " registers answer " + read, null);
        }
        int[] values = new int[words.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = words[i].toUnsignedShort();
        }
        return RegisterBlock.of(values);
    }

    private static BitBlock bits(ReadRequest read, ModbusResponse response) throws ModbusProtocolException {
        // answers come in whole bytes, so a few more bits than requested are normal; fewer are not
        BitVector vector = response instanceof ReadCoilsResponse coils
                ? coils.getCoils()
                : ((ReadInputDiscretesResponse) response).getDiscretes();
        if (vector == null || vector.size() < read.count()) {
            throw new ModbusProtocolException((vector == null ? 0 : vector.size()) + " bits answer " + read, null);
        }
        boolean[] bits = new boolean[read.count()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = vector.getBit(i);
        }
        return BitBlock.of(bits);
    }
}
