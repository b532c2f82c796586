package org.pilegate.itests;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

/** What every test class that runs inside the booted distribution shares: the distribution and its framework. */
public abstract class InsideGateway {

    /** Karaf registers it once every boot feature is installed: the moment an operator expects all to be up. */
    @Inject
    @Filter(timeout = 120_000)
    protected BootFinished bootFinished;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return PilegateDistribution.options();
    }
}
