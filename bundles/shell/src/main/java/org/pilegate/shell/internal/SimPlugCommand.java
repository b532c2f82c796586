package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;

@Command(scope = "pilegate", name = "sim-plug", description = "Plugs a simulated vehicle into a simulated pile.")
@Service
public class SimPlugCommand implements Action {

    @Reference(optional = true)
    private DepotSimulator simulator;

    @Argument(index = 0, name = "pile", required = true, description = "Simulated pile, e.g. sim-01.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Argument(index = 1, name = "vehicle", required = true, description = "Vehicle id the pile reads, e.g. an"
            + " EVCCID or RFID UID.")
    private String vehicle;

    @Option(name = "--capacity", description = "Battery capacity in Wh.")
    private long capacityWh = 60_000;

    @Option(name = "--soc", description = "State of charge when plugged in, in %.")
    private int stateOfChargePercent = 20;

    @Option(name = "--max-power", description = "Vehicle's on-board charger limit in W.")
    private long maxPowerW = SimulatedVehicle.DEFAULT_MAX_POWER_W;

    @Override
    public Object execute() {
        DepotSimulator depot = SimulatedPiles.running(simulator);
        depot.plug(SimulatedPiles.index(depot, pile), new SimulatedVehicle(new VehicleId(vehicle), capacityWh,
                stateOfChargePercent / 100.0, maxPowerW));
        return null;
    }
}
