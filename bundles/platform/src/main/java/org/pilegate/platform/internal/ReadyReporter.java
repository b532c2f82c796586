package org.pilegate.platform.internal;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the one line operators and scripts wait for: the gateway is ready, and how long it took from JVM start.
 * The distribution lists its bundles in {@code etc/startup.properties}, which the framework starts level by level, so
 * the gateway is up once no bundle waits for a higher start level and Karaf has registered {@link BootFinished}
 * (after any boot features). Components activate after their bundles start, so the line also waits for what a
 * terminal and a pile need: the session service (with the store behind it), the terminal connections, and the
 * depot's pile control.
 */
@Component(immediate = true)
public class ReadyReporter implements FrameworkListener {

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

    private final AtomicBoolean reported = new AtomicBoolean();
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addFrameworkListener(this);
        if (Arrays.stream(context.getBundles()).noneMatch(ReadyReporter::yetToStart)) {
            report();
        }
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(this);
    }

    /** The framework reached the start level it was set to: every bundle up to it has been started. */
    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.STARTLEVEL_CHANGED) {
            return;
        }
        int level = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class)
                .getStartLevel();
        if (Arrays.stream(context.getBundles()).map(bundle -> bundle.adapt(BundleStartLevel.class))
                .noneMatch(start -> start.isPersistentlyStarted() && start.getStartLevel() > level)) {
            report();
        }
    }

    /** A bundle marked to run that is not running (yet); fragments never are. */
    private static boolean yetToStart(Bundle bundle) {
        return bundle.adapt(BundleStartLevel.class).isPersistentlyStarted() && bundle.getState() != Bundle.ACTIVE
                && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null;
    }

    /** Logs the line, once; a bundle that failed to start is named, not waited for. */
    private void report() {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        long sinceJvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        Bundle[] bundles = context.getBundles();
        long pilegateBundles = Arrays.stream(bundles)
                .filter(bundle -> bundle.getSymbolicName().startsWith("org.pilegate."))
                .count();
        LOG.info("{} in {} ms from JVM start ({} bundles, {} of them pilegate)",
                READY_MARKER, sinceJvmStartMs, bundles.length, pilegateBundles);
        String notRunning = Arrays.stream(bundles).filter(ReadyReporter::yetToStart).map(Bundle::getSymbolicName)
                .collect(Collectors.joining(", "));
        if (!notRunning.isEmpty()) {
            LOG.warn("Bundles marked to run that did not start: {}", notRunning);
        }
    }
}
