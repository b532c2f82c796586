package org.pilegate.meter.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestBundleContext;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.meter.modbus.ModbusMeter;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.internal.ModbusManagerImpl;

import com.ghgande.j2mod.modbus.ModbusException;

/** A meter made by the component factory: from a row's text values alone, with no configuration behind it. */
class FactoryModbusMeterTest {

    private final TestSlave slave = new TestSlave();
    private final TestBundleContext framework = new TestBundleContext();
    private ModbusManagerImpl transport;

    @BeforeEach
    void startSlave() throws ModbusException {
        slave.input(0, RegisterBlock.of(new int[80]));
        slave.start();
        transport = TestTransport.start();
    }

    @AfterEach
    void stopAll() {
        transport.close();
        slave.close();
    }

    @Test
    void aMeterFromTextPropertiesWithoutAConfigurationReadsAndGoesAwayWhenDisposed() {
        // what the pile table hands the factory: every value as text, no service.pid
        TestConfig<Config> row = TestConfig.of(Config.class).set("id", "bay-07.meter").set("host", "127.0.0.1")
                .set("port", Integer.toString(slave.port())).set("unitId", Integer.toString(TestSlave.UNIT))
                .set("profile", "eastron-sdm630").set("pollIntervalMs", "50").set("pilegate.table", "piles.csv")
                .set("component.name", FactoryModbusMeter.class.getName());
        FactoryModbusMeter meter = new FactoryModbusMeter(transport, framework.context(), row.annotation(),
                row.properties());

        Await.until("a good reading", () -> meter.latest().filter(r -> r.quality() == ReadingQuality.GOOD)
                .isPresent());
        assertSame(meter, framework.service(ModbusMeter.class.getName(), Meter.ID_PROPERTY, "bay-07.meter")
                .orElseThrow());
        assertEquals(TestSlave.UNIT, meter.unitId());

        meter.deactivate();
        assertTrue(framework.registrations().get(0).unregistered());
    }
}
