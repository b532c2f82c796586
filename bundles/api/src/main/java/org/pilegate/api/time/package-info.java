/**
 * The gateway's time: instants that keep their distances when the wall clock is stepped.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.time;
