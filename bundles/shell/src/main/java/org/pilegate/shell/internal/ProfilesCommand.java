package org.pilegate.shell.internal;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.pilegate.device.profile.ProfileCatalog;

@Command(scope = "pilegate", name = "profiles", description = "Lists the meter and relay profiles, shipped and from"
        + " etc/profiles, or only the one named.")
@Service
public class ProfilesCommand implements Action {

    @Reference
    private BundleContext bundleContext;

    @Reference
    private Session session;

    @Argument(index = 0, name = "profile", description = "Only this profile, e.g. to check that a new file in"
            + " etc/profiles is usable.")
    @Completion(ProfileIdCompleter.class)
    private String profile;

    @Override
    public Object execute() {
        ProfileCatalog catalog = ProfileCatalog.withOperatorProfiles(
                Optional.ofNullable(bundleContext.getProperty("karaf.etc")));
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Profile");
        table.column("Device");
        catalog.meterIds().stream().filter(this::shown).forEach(id -> table.addRow().addContent("meter", id,
                describe(() -> catalog.meter(id).description())));
        catalog.relayIds().stream().filter(this::shown).forEach(id -> table.addRow().addContent("relay", id,
                describe(() -> catalog.relay(id).description())));
        table.print(session.getConsole());
        return null;
    }

    private boolean shown(String id) {
        return profile == null || profile.equals(id);
    }

    /** A broken operator file is listed with its problem rather than hiding the others. */
    private static String describe(java.util.function.Supplier<String> description) {
        try {
            return description.get();
        } catch (IllegalArgumentException e) {
            return "unusable: " + e.getMessage();
        }
    }
}
