package org.pilegate.platform.internal;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the one line operators and scripts wait for: the gateway is ready, and how long it took from JVM start.
 * Karaf registers {@link BootFinished} once every boot feature is installed and started; components activate after
 * their bundles start, so the line also waits for what a terminal and a pile need: the session service (with the
 * store behind it), the terminal connections, and the depot's pile control.
 */
@Component(immediate = true)
public class ReadyReporter {

    static final String READY_MARKER = "pilegate ready";
    private static final Logger LOG = LoggerFactory.getLogger(ReadyReporter.class);

    @Reference
    private BootFinished bootFinished;

    @Reference
    private TerminalRequestHandler sessions;

    @Reference
    private TerminalOutbox terminals;

    @Reference
    private DepotControl depot;

    @Activate
    void activate(BundleContext context) {
        long sinceJvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        Bundle[] bundles = context.getBundles();
        long pilegateBundles = Arrays.stream(bundles)
                .filter(bundle -> bundle.getSymbolicName().startsWith("org.pilegate."))
                .count();
        LOG.info("{} in {} ms from JVM start ({} bundles, {} of them pilegate)",
                READY_MARKER, sinceJvmStartMs, bundles.length, pilegateBundles);
    }
}
