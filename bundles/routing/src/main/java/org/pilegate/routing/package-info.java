/**
 * What the routing bundle offers other bundles: its HTTP port for their own routes, and how many terminals are
 * connected; terminal authentication.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pilegate.routing;
