/**
 * Secrets the gateway issues: generated, digested, compared.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.secret;
