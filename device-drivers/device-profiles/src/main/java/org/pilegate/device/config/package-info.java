/**
 * Checks shared by device-driver configurations, so that every driver rejects bad values with the same kind of
 * message: the configuration's PID, the key, and what is wrong.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.device.config;
