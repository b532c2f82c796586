package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;

@Command(scope = "pilegate", name = "vehicle-remove", description = "Unregisters a vehicle; when plugged in it is"
        + " offered to whoever scans the pile's code.")
@Service
public class VehicleRemoveCommand implements Action {

    @Reference
    private VehicleRegistry registry;

    @Argument(index = 0, name = "vehicle", required = true, description = "Vehicle id.")
    private String vehicle;

    @Override
    public Object execute() {
        return registry.unregisterVehicle(new VehicleId(vehicle)) ? null : "no vehicle " + vehicle + " was registered";
    }
}
