/**
 * The embedded store's file and its commits, as the store sees them, for metrics: how many commits waited to be
 * durable and how many writes of the file carried them, and how large the file is against the data alive in it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.store;
