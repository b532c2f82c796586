/**
 * A planner for a site fixed in code, for tests of the bundles that plan with it and for tools such as the benchmark.
 * The gateway's own planner is configured in {@code etc/org.pilegate.site.cfg}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.planner;
