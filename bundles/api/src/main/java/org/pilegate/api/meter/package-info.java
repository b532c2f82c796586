/**
 * Energy meter readings as delivered by meter drivers; all quantities are integers in SI-derived units.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.meter;
