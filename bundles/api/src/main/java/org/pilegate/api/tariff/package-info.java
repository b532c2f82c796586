/** What charging costs: the tariff in force at a pile, and the price of a session from its metered timeline. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package org.pilegate.api.tariff;
