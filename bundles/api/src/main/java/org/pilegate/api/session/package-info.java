/**
 * Charging sessions: from plug-in through charging to the paid fee, with what the driver asked for
 * and what the gateway decided.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.pilegate.api.session;
