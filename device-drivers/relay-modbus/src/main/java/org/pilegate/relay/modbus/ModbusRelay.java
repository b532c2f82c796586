package org.pilegate.relay.modbus;

import org.pilegate.api.relay.Relay;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.ModbusEndpoint;

/**
 * A pile controller reached over Modbus through a device profile: what this driver offers besides {@link Relay}.
 * One service per configuration of the factory PID {@value #PID} and per instance of the component factory
 * {@value org.pilegate.api.pile.PileFactories#MODBUS_RELAY}.
 */
public interface ModbusRelay extends Relay {

    String PID = "org.pilegate.relay.modbus";

    /** Where the controller is reached; {@code ModbusManager.health(endpoint())} tells how that link is doing. */
    ModbusEndpoint endpoint();

    /** The controller's Modbus unit identifier behind {@link #endpoint()}. */
    int unitId();

    /** The register map the controller is driven with. */
    RelayProfile profile();
}
