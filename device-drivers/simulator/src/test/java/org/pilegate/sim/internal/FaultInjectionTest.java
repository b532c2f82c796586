package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;
import org.pilegate.sim.PileAddress;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/** Every fault as a client meets it, and recovery once it is cleared. */
class FaultInjectionTest {

    private static final RegisterPoint VOLTAGE = Fixtures.METER.points().get(MeterQuantity.VOLTAGE_L1_MV);
    private static final RegisterPoint PLUG_STATE = Fixtures.RELAY.plugState();
    private static final String READ_VOLTAGE = "04" + "0000" + "0002";

    private Simulation depot;
    private PileAddress pile1;
    private ModbusTCPMaster client;

    @BeforeEach
    void start() throws Exception {
        depot = Fixtures.start(2, 2);
        pile1 = depot.address(1);
        client = Fixtures.client(pile1, 500);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        depot.close();
    }

    private long voltage() throws ModbusException {
        return Fixtures.read(client, pile1.meterUnitId(), VOLTAGE);
    }

    /** After an error a driver starts over on a fresh connection, where leftovers cannot confuse it. */
    private void reconnect() throws Exception {
        client.disconnect();
        Fixtures.connect(client);
    }

    @Test
    void noReplyLetsTheClientTimeOut() throws Exception {
        depot.injectFault(1, DeviceKind.METER, Fault.noReply());
        assertThrows(ModbusIOException.class, this::voltage);
        // the relay behind the same connection still answers, and the swallowed request left nothing behind
        assertEquals(Fixtures.RELAY.rawOf(depot.snapshot(1).plugState()),
                Fixtures.read(client, pile1.relayUnitId(), PLUG_STATE));
        depot.clearFault(1, DeviceKind.METER);
        assertTrue(voltage() > 0);
    }

    @Test
    void exceptionFaultAnswersWithTheCode() throws Exception {
        depot.injectFault(1, DeviceKind.RELAY, Fault.exception(4));
        ModbusSlaveException refused = assertThrows(ModbusSlaveException.class,
                () -> Fixtures.read(client, pile1.relayUnitId(), PLUG_STATE));
        assertEquals(4, refused.getType());
        assertTrue(voltage() > 0, "the meter is not affected");
        depot.clearFault(1, DeviceKind.RELAY);
        assertEquals(Fixtures.RELAY.rawOf(depot.snapshot(1).plugState()),
                Fixtures.read(client, pile1.relayUnitId(), PLUG_STATE));
    }

    @Test
    void dropConnectionClosesTheSocket() throws Exception {
        depot.injectFault(1, DeviceKind.METER, Fault.dropConnection());
        try (RawClient raw = new RawClient(pile1)) {
            raw.send(RawClient.request(1, pile1.meterUnitId(), READ_VOLTAGE));
            assertTrue(raw.closedByServer());
        }
        assertThrows(ModbusIOException.class, this::voltage);
        depot.clearFault(1, DeviceKind.METER);
        reconnect();
        assertTrue(voltage() > 0);
    }

    @Test
    void faultsStayWithTheirDevice() throws Exception {
        depot.injectFault(0, DeviceKind.METER, Fault.dropConnection());
        try (RawClient raw = new RawClient(pile1)) {
            raw.send(RawClient.request(1, pile1.meterUnitId(), READ_VOLTAGE));
            assertTrue(raw.readFrame().startsWith("0001" + "0000" + "0007"));
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.Corruption.class)
    void corruptAnswersFailTheClient(Fault.Corruption corruption) throws Exception {
        depot.injectFault(1, DeviceKind.METER, Fault.corrupt(corruption));
        assertThrows(ModbusException.class, this::voltage);
        depot.clearFault(1, DeviceKind.METER);
        reconnect();
        assertTrue(voltage() > 0);
    }

    @Test
    void wrongTransactionIdIsOtherwiseACorrectAnswer() throws IOException {
        try (RawClient raw = new RawClient(pile1)) {
            raw.send(RawClient.request(0x0102, pile1.meterUnitId(), READ_VOLTAGE));
            String correct = raw.readFrame();
            depot.injectFault(1, DeviceKind.METER, Fault.corrupt(Fault.Corruption.WRONG_TRANSACTION_ID));
            raw.send(RawClient.request(0x0102, pile1.meterUnitId(), READ_VOLTAGE));
            String corrupt = raw.readFrame();
            assertNotEquals(correct.substring(0, 4), corrupt.substring(0, 4));
            assertEquals(correct.substring(4), corrupt.substring(4));
        }
    }

    @Test
    void brokenLengthClaimsOneByteLess() throws IOException {
        depot.injectFault(1, DeviceKind.METER, Fault.corrupt(Fault.Corruption.BROKEN_LENGTH));
        try (RawClient raw = new RawClient(pile1)) {
            raw.send(RawClient.request(3, pile1.meterUnitId(), READ_VOLTAGE));
            // unit, function, byte count and four data bytes follow, the header claims six
            byte[] answer = raw.readExactly(6 + 7);
            assertEquals(6, answer[5]);
            assertEquals(4, answer[8]);
        }
    }
}
