/**
 * The gateway's health: a bundle that knows whether some part of the gateway works registers a
 * {@link org.pilegate.metrics.HealthCheck} service, and {@code GET /health} reports it with the others.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.metrics;
