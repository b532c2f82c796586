/**
 * Secrets the gateway issues: generated, digested, compared; certificates and keys as PEM files; limits on guessing.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pilegate.api.secret;
