package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.sim.DepotSimulator;

@Command(scope = "pilegate", name = "sim-unplug", description = "Unplugs the vehicle from a simulated pile.")
@Service
public class SimUnplugCommand implements Action {

    @Reference(optional = true)
    private DepotSimulator simulator;

    @Argument(index = 0, name = "pile", required = true, description = "Simulated pile, e.g. sim-01.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Override
    public Object execute() {
        DepotSimulator depot = SimulatedPiles.running(simulator);
        depot.unplug(SimulatedPiles.index(depot, pile));
        return null;
    }
}
