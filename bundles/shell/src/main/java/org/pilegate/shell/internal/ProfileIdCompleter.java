package org.pilegate.shell.internal;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;
import org.pilegate.device.profile.ProfileCatalog;

/** Completes the ids of the meter and relay profiles, shipped and from etc/profiles. */
@Service
public class ProfileIdCompleter implements Completer {

    @Reference
    private BundleContext bundleContext;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        ProfileCatalog catalog = ProfileCatalog.withOperatorProfiles(
                Optional.ofNullable(bundleContext.getProperty("karaf.etc")));
        StringsCompleter ids = new StringsCompleter();
        ids.getStrings().addAll(catalog.meterIds());
        ids.getStrings().addAll(catalog.relayIds());
        return ids.complete(session, commandLine, candidates);
    }
}
