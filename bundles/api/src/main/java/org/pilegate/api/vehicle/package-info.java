/**
 * Who is charging: the vehicle's identifier as read at the pile and the account that pays for it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.vehicle;
