/**
 * The Modbus meter driver as other bundles may see it: every configured meter is a
 * {@link org.pilegate.api.meter.Meter} service, also offered as {@link org.pilegate.meter.modbus.ModbusMeter} so that
 * operator tools can tell where it is read from and how.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.meter.modbus;
