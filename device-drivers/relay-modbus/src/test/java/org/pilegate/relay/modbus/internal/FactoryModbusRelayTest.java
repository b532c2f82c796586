package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.Relay;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestBundleContext;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.relay.modbus.ModbusRelay;

import com.ghgande.j2mod.modbus.ModbusException;

/** A relay made by the component factory: from a row's text values alone, with no configuration behind it. */
class FactoryModbusRelayTest {

    private final TestSlave slave = new TestSlave();
    private final TestBundleContext framework = new TestBundleContext();
    private ModbusManagerImpl transport;

    @BeforeEach
    void startController() throws ModbusException {
        slave.coil(0, false).input(0, RegisterBlock.of(0)).input(10, RegisterBlock.of(new int[10]))
                .holding(0, RegisterBlock.of(0))
                .input(1, RegisterBlock.of((int) GenericController.GENERIC.rawOf(PlugState.B)));
        slave.start();
        transport = TestTransport.start();
    }

    @AfterEach
    void stopAll() {
        transport.close();
        slave.close();
    }

    @Test
    void aRelayFromTextPropertiesWithoutAConfigurationPollsAndGoesAwayWhenDisposed() {
        // what the pile table hands the factory: every value as text, no service.pid
        TestConfig<Config> row = TestConfig.of(Config.class).set("id", "bay-07.relay").set("host", "127.0.0.1")
                .set("port", Integer.toString(slave.port())).set("unitId", Integer.toString(TestSlave.UNIT))
                .set("pollIntervalMs", "50").set("pilegate.table", "piles.csv")
                .set("component.name", FactoryModbusRelay.class.getName());
        FactoryModbusRelay relay = new FactoryModbusRelay(transport, framework.context(), row.annotation(),
                row.properties());

        Await.until("the plugged vehicle", () -> relay.latest().filter(s -> s.plugState() == PlugState.B)
                .isPresent());
        assertSame(relay, framework.service(ModbusRelay.class.getName(), Relay.ID_PROPERTY, "bay-07.relay")
                .orElseThrow());
        assertEquals(Optional.of(false), relay.latest().map(state -> state.contactorClosed()));

        relay.deactivate();
        assertTrue(framework.registrations().get(0).unregistered());
    }
}
