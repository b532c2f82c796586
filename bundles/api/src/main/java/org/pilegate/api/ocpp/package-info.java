/**
 * OCPP charge points served by the gateway as their central system: their registry and identities.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.ocpp;
