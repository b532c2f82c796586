/**
 * The depot's energy plan: what each charging pile asks of the site, the current each gets now and over the horizon,
 * and what holds each back.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pilegate.api.plan;
