/** What the store gives the bundles that keep their data in it, besides its DataSource service. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.store;
