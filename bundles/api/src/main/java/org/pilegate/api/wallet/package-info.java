/**
 * Drivers' wallets: balances kept in a double-entry ledger, operator top-ups and refunds, and the payment of session
 * fees, each applied exactly once.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.pilegate.api.wallet;
