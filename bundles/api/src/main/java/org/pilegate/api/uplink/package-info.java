/**
 * The fleet uplink's contract with the store: the events a change causes are added to the outbox in the change's own
 * transaction, so none is sent before its change commits and none is lost after; and the outbox's backlog, for
 * metrics and health.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("3.0.0")
package org.pilegate.api.uplink;
