/**
 * Amounts of money as integer minor units of one ISO 4217 currency, for tariffs, fees and budgets.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.money;
