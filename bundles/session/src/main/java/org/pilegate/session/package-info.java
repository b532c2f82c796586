/** The server side of the charging dialogue: who charges (vehicle registry), sessions and terminal binding. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.session;
