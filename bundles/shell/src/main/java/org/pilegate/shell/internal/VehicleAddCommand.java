package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;

@Command(scope = "pilegate", name = "vehicle-add", description = "Registers a vehicle to an account, so that plugging"
        + " it in prompts the account's terminals; moves it if it belonged to another account.")
@Service
public class VehicleAddCommand implements Action {

    @Reference
    private VehicleRegistry registry;

    @Argument(index = 0, name = "vehicle", required = true, description = "Vehicle id as the pile reports it"
            + " (RFID card, ISO 15118 EVCC id), e.g. DE8AAEVCC1234.")
    private String vehicle;

    @Argument(index = 1, name = "account", required = true, description = "The account it belongs to.")
    private String account;

    @Override
    public Object execute() {
        registry.registerVehicle(new VehicleId(vehicle), new AccountId(account));
        return null;
    }
}
