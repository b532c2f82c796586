/**
 * Modbus transport API: endpoints, immutable request blueprints, result blocks, value decoding and the
 * {@link org.pilegate.modbus.ModbusManager} service. Nothing here exposes the underlying Modbus library.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.pilegate.modbus;
