/**
 * The gateway's threads: a few shared, named pools that every component's work runs on, and the lanes that keep one
 * pile's (or one component's) work in order on them without a thread of its own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.pilegate.api.work;
