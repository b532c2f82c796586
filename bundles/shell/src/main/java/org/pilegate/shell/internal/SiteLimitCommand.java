package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.pile.DepotControl;

@Command(scope = "pilegate", name = "site-limit", description = "Shows or sets the power all piles may draw"
        + " together; the depot's plan keeps within it (pilegate:plan). Piles that cannot get 6 A pause, the newest"
        + " sessions first. The setting survives a restart.")
@Service
public class SiteLimitCommand implements Action {

    @Reference
    private DepotControl depot;

    @Argument(index = 0, name = "limit", description = "Power in W, or none to stop limiting; without it, shows the"
            + " limit in force.")
    private String limit;

    @Override
    public Object execute() {
        if (limit != null) {
            depot.limitSitePower(LimitArgument.parse(limit, "limit"));
        }
        return "site power " + Formats.watts(depot.sitePowerLimitW(), "not limited");
    }
}
