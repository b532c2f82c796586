/**
 * A simulated depot for tests, demos and benchmarks: piles whose meters and relays answer over real Modbus TCP,
 * laid out from the same device profiles the drivers read, with vehicles to plug in and faults to inject.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pilegate.sim;
