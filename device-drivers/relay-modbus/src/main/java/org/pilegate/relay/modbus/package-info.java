/**
 * The Modbus relay driver as other bundles may see it: every configured pile controller is a
 * {@link org.pilegate.api.relay.Relay} service, also offered as {@link org.pilegate.relay.modbus.ModbusRelay} so that
 * operator tools can tell where it is reached and how.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.relay.modbus;
