package org.pilegate.itests;

import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Arrays;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/** What every test class that runs inside the booted distribution shares: the distribution and its framework. */
public abstract class InsideGateway {

    /** Karaf registers it once every boot feature is installed (here only Pax Exam's own). */
    @Inject
    @Filter(timeout = 120_000)
    protected BootFinished bootFinished;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return PilegateDistribution.options();
    }

    /**
     * The distribution's bundles start level by level from {@code etc/startup.properties}, not as boot features: each
     * test begins once every bundle marked to run is running, the moment an operator expects all to be up.
     */
    @Before
    public void everyBundleStarted() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Arrays.stream(context.getBundles()).anyMatch(InsideGateway::yetToStart)) {
            assertTrue("bundles still not started after 120 s: " + Arrays.stream(context.getBundles())
                    .filter(InsideGateway::yetToStart).map(Bundle::getSymbolicName).toList(),
                    Instant.now().isBefore(deadline));
            Thread.sleep(100);
        }
    }

    private static boolean yetToStart(Bundle bundle) {
        return bundle.adapt(BundleStartLevel.class).isPersistentlyStarted() && bundle.getState() != Bundle.ACTIVE
                && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null;
    }
}
