/** The pile side of the charging dialogue: one controller per configured pile. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.pile;
