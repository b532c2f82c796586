/**
 * The depot's electrical site: the grid connection, the feeders and fuses between it and the piles with their limits
 * per phase, how each pile is wired to the phases, and the margin kept below every limit.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.site;
