/**
 * Charging piles: their identity, the state the pile controller keeps for each, and status snapshots.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.6.0")
package org.pilegate.api.pile;
