package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pilegate.sim.Fault;

class PduHandlerTest {

    /** Sixteen coils and sixteen holding registers at 0..15; nothing else. */
    private static final class Device implements ModbusDevice {

        final boolean[] coils = new boolean[16];
        final int[] registers = new int[16];

        @Override
        public Optional<Fault> fault() {
            return Optional.empty();
        }

        @Override
        public boolean[] readBits(Table table, int address, int count) {
            check(table == Table.COILS, address, count);
            return Arrays.copyOfRange(coils, address, address + count);
        }

        @Override
        public int[] readRegisters(Table table, int address, int count) {
            check(table == Table.HOLDING_REGISTERS, address, count);
            return Arrays.copyOfRange(registers, address, address + count);
        }

        @Override
        public void writeCoils(int address, boolean[] values) {
            check(true, address, values.length);
            System.arraycopy(values, 0, coils, address, values.length);
        }

        @Override
        public void writeRegisters(int address, int[] values) {
            check(true, address, values.length);
            System.arraycopy(values, 0, registers, address, values.length);
        }

        private static void check(boolean served, int address, int count) {
            if (!served || address + count > 16) {
                throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
        }
    }

    private final Device device = new Device();

    private String answer(String requestHex) {
        ByteBuffer response = ByteBuffer.allocate(253);
        PduHandler.answer(device, ByteBuffer.wrap(HexFormat.of().parseHex(requestHex)), response);
        return HexFormat.of().formatHex(response.array(), 0, response.position());
    }

    @Test
    void readsCoilsPackedLowBitFirst() {
        device.coils[0] = true;
        device.coils[3] = true;
        device.coils[9] = true;
        assertEquals("0102" + "09" + "02", answer("01" + "0000" + "000a"));
    }

    @Test
    void readsHoldingRegistersHighByteFirst() {
        device.registers[2] = 0x1234;
        device.registers[3] = 0xFFFF;
        assertEquals("0304" + "1234" + "ffff", answer("03" + "0002" + "0002"));
    }

    @Test
    void writesSingleCoilAndEchoes() {
        assertEquals("05" + "0004" + "ff00", answer("05" + "0004" + "ff00"));
        assertTrue(device.coils[4]);
    }

    @Test
    void writesSingleRegisterAndEchoes() {
        assertEquals("06" + "0001" + "abcd", answer("06" + "0001" + "abcd"));
        assertEquals(0xABCD, device.registers[1]);
    }

    @Test
    void writesMultipleCoilsAndAnswersSpan() {
        assertEquals("0f" + "0002" + "000a", answer("0f" + "0002" + "000a" + "02" + "0503"));
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, true, true},
                Arrays.copyOfRange(device.coils, 2, 12));
    }

    @Test
    void writesMultipleRegistersAndAnswersSpan() {
        assertEquals("10" + "0003" + "0002", answer("10" + "0003" + "0002" + "04" + "0001" + "0002"));
        assertArrayEquals(new int[] {1, 2}, Arrays.copyOfRange(device.registers, 3, 5));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        // function not implemented
        "2b0e0100, ab01, illegal function",
        "08, 8801, illegal function",
        // quantities outside the protocol's limits or inconsistent with the data
        "0300000000, 8303, read of no registers",
        "030000007e, 8303, read of 126 registers",
        "01000007d1, 8103, read of 2001 coils",
        "0300000001ff, 8303, trailing bytes",
        "030000, 8303, truncated request",
        "0500001234, 8503, coil value neither on nor off",
        "0f0000000a010000, 8f03, byte count too small for 10 coils",
        "1000000002040001, 9003, fewer bytes than the byte count",
        "10000000020300010002, 9003, byte count odd for two registers",
        "10000000000000, 9003, write of no registers",
        // addresses beyond the space or not served
        "03ffff0002, 8302, read past address 65535",
        "030010 0001, 8302, register not served",
        "02000000 01, 8202, table not served",
        "0600200001, 8602, write to a register not served",
    })
    void answersExceptions(String request, String expected, String why) {
        assertEquals(expected, answer(request.replace(" ", "")), why);
    }
}
