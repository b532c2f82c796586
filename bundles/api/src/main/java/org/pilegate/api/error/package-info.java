/**
 * Why the gateway refuses a request: one catalogue of error codes, each with its HTTP status, shared by every
 * interface that answers terminals, drivers and operators.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pilegate.api.error;
