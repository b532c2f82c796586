/**
 * Tariffs after the OCPI 2.2.1 Tariffs module, the pricing of a charging session by them in integer minor units,
 * and the site's tariff directory.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package org.pilegate.tariff;
