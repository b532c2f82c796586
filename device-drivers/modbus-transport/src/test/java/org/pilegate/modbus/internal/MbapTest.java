package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteCoils;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Frames as the Modbus Messaging on TCP/IP specification shows them, and answers that must be refused. */
class MbapTest {

    private static final Operation<RegisterBlock> HOLDING = Operation.registers(
            new ReadRequest(7, FunctionCode.READ_HOLDING_REGISTERS, 0x006B, 2));
    private static final Operation<BitBlock> COILS = Operation.bits(
            new ReadRequest(7, FunctionCode.READ_COILS, 0x0013, 10));

    private static String request(Operation<?> operation) {
        ByteBuf out = Unpooled.buffer();
        Mbap.writeRequest(out, 0x0102, operation);
        return ByteBufUtil.hexDump(out);
    }

    private static <T> T answer(Operation<T> operation, String frame) throws ModbusException {
        return Mbap.readAnswer(Unpooled.wrappedBuffer(HexFormat.of().parseHex(frame)), 0x0102, operation);
    }

    @Test
    void requestsCarryTheirTransactionUnitAndLength() {
        assertEquals("0102" + "0000" + "0006" + "07" + "03" + "006b" + "0002", request(HOLDING));
        assertEquals("0102" + "0000" + "0006" + "07" + "01" + "0013" + "000a", request(COILS));
        assertEquals("0102000000060705" + "00ac" + "ff00", request(new Operation.Write(new WriteCoil(7, 0xAC, true))));
        assertEquals("0102000000060706" + "0001" + "0003", request(new Operation.Write(new WriteRegister(7, 1, 3))));
        // ten coils 1,0,1,1,0,0,1,1, 1,0: lowest address in the lowest bit
        assertEquals("010200000009070f" + "0013" + "000a" + "02" + "cd01", request(new Operation.Write(new WriteCoils(
                7, 0x13, BitBlock.of(true, false, true, true, false, false, true, true, true, false)))));
        assertEquals("01020000000b0710" + "0001" + "0002" + "04" + "000a0102", request(new Operation.Write(
                new WriteRegisters(7, 1, RegisterBlock.of(10, 258)))));
    }

    @Test
    void answersAreDecoded() throws Exception {
        assertEquals(RegisterBlock.of(0x022B, 0xFFFF), answer(HOLDING, "0102000000070703" + "04" + "022bffff"));
        assertEquals(BitBlock.of(true, false, true, true, false, false, true, true, true, false),
                answer(COILS, "0102000000050701" + "02" + "cd01"));
        assertNull(answer(new Operation.Write(new WriteRegister(7, 1, 3)), "0102000000060706" + "0001" + "0003"));
    }

    @Test
    void anExceptionAnswerIsTheDevicesRefusal() {
        assertEquals(ModbusSlaveException.ILLEGAL_DATA_ADDRESS, assertThrows(ModbusSlaveException.class,
                () -> answer(HOLDING, "0102000000030783" + "02")).exceptionCode());
    }

    @Test
    void answersToAnotherExchangeAreRefusedSayingWhy() {
        assertRefused("transaction id 259 answers 258", HOLDING, "0103000000070703" + "04" + "022bffff");
        assertRefused("protocol id 1 is not Modbus (0)", HOLDING, "0102000100070703" + "04" + "022bffff");
        assertRefused("unit id 8 answers 7", HOLDING, "0102000000070803" + "04" + "022bffff");
        assertRefused("function 4 answers 3", HOLDING, "0102000000070704" + "04" + "022bffff");
        assertRefused("a frame of 7 bytes holds no function code", HOLDING, "01020000000107");
    }

    @Test
    void answersOfTheWrongSizeAreRefused() {
        assertRefused("1 registers answer " + ((Operation.Read<?>) HOLDING).read(), HOLDING,
                "0102000000050703" + "02" + "022b");
        assertRefused("the answer to " + ((Operation.Read<?>) HOLDING).read() + " holds 4 bytes, not as many"
                + " as its byte count says", HOLDING, "0102000000060703" + "04" + "022bff");
        assertRefused("8 bits answer " + ((Operation.Read<?>) COILS).read(), COILS, "0102000000040701" + "01" + "cd");
        assertRefused("the answer to WriteRegister[unitId=7, address=1, value=3] does not echo its address",
                new Operation.Write(new WriteRegister(7, 1, 3)), "0102000000060706" + "0002" + "0003");
    }

    private static void assertRefused(String why, Operation<?> operation, String frame) {
        assertEquals(why, assertThrows(ModbusProtocolException.class, () -> answer(operation, frame)).getMessage());
    }
}
