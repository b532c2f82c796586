/**
 * The charging dialogue between the gateway and the depot's terminals (kiosks and driver apps):
 * one record per message, split by direction so routing can switch over each side exhaustively.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.pilegate.api.terminal;
