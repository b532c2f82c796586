package org.pilegate.relay.modbus.internal;

import java.util.List;

import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.relay.modbus.ModbusRelay;

/** A pile controller with the generic relay's register map on 127.0.0.1, the real transport and a relay's lane. */
final class GenericController implements AutoCloseable {

    static final ProfileCatalog CATALOG = new ProfileCatalog(List.of());
    static final RelayProfile GENERIC = CATALOG.relay("pilegate-generic-relay");

    final TestSlave slave;
    final ModbusManagerImpl transport;
    final DriverLane lane;
    /** The relay configured for it, allowed 200 ms to show a command taken. */
    final RelayDevice device;

    /** @param slave holds the controller's registers; started here */
    GenericController(TestSlave slave) throws Exception {
        this.slave = slave.start();
        transport = TestTransport.start();
        lane = transport.lane("bay-07.relay");
        TestConfig<Config> config = TestConfig.of(Config.class, ModbusRelay.PID, "bay-07")
                .set("id", "bay-07.relay").set("host", "127.0.0.1").set("port", slave.port())
                .set("unitId", TestSlave.UNIT).set("settleMs", 200);
        device = RelayDevice.of(RelaySettings.of(config.annotation(), config.properties(), CATALOG));
    }

    @Override
    public void close() {
        lane.close();
        transport.close();
        slave.close();
    }
}
