/**
 * The pile's switching side: commands to the contactor and control pilot, and the state it reports.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.relay;
