package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;

@Command(scope = "pilegate", name = "account-add", description = "Creates a driver's account, or renames it.")
@Service
public class AccountAddCommand implements Action {

    @Reference
    private VehicleRegistry registry;

    @Argument(index = 0, name = "account", required = true, description = "Account id, e.g. anna.")
    private String account;

    @Argument(index = 1, name = "name", required = true, description = "Display name, e.g. \"Anna Berg\".")
    private String displayName;

    @Override
    public Object execute() {
        registry.registerAccount(new AccountId(account), displayName);
        return null;
    }
}
