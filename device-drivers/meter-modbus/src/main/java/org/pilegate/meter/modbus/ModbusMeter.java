package org.pilegate.meter.modbus;

import org.pilegate.api.meter.Meter;
import org.pilegate.device.profile.MeterProfile;
import org.pilegate.modbus.ModbusEndpoint;

/**
 * A meter read over Modbus through a device profile: what this driver offers besides {@link Meter}. One service per
 * configuration of the factory PID {@value #PID} and per instance of the component factory
 * {@value org.pilegate.api.pile.PileFactories#MODBUS_METER}.
 */
public interface ModbusMeter extends Meter {

    String PID = "org.pilegate.meter.modbus";

    /** Where the meter is reached; {@code ModbusManager.health(endpoint())} tells how that link is doing. */
    ModbusEndpoint endpoint();

    /** The meter's Modbus unit identifier behind {@link #endpoint()}. */
    int unitId();

    /** The register map the meter is read with. */
    MeterProfile profile();
}
