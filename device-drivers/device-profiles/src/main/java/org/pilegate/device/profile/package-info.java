/**
 * Register maps of meters and pile relays as data. A device model is one JSON file (a profile) naming, for each
 * quantity the gateway needs, where the device holds it and how to convert it; drivers and the simulator read the
 * same profiles, so supporting a new meter takes a file, not code.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.device.profile;
