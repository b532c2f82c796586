package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.Fault;

@Command(scope = "pilegate", name = "sim-fault", description = "Makes a simulated meter or relay misbehave, until"
        + " cleared with the fault none: no-reply (timeouts), exception (Modbus exception 4), drop (closes the connection),"
        + " corrupt (damaged answers).")
@Service
public class SimFaultCommand implements Action {

    @Reference(optional = true)
    private DepotSimulator simulator;

    @Argument(index = 0, name = "pile", required = true, description = "Simulated pile, e.g. sim-01.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Argument(index = 1, name = "device", required = true, description = "meter or relay")
    @Completion(values = {"meter", "relay"}, value = StringsCompleter.class)
    private String device;

    @Argument(index = 2, name = "fault", required = false, description = "no-reply, exception, drop or corrupt;"
            + " none clears the fault")
    @Completion(values = {"no-reply", "exception", "drop", "corrupt", "none"}, value = StringsCompleter.class)
    private String fault = "none";

    @Override
    public Object execute() {
        DepotSimulator depot = SimulatedPiles.running(simulator);
        int index = SimulatedPiles.index(depot, pile);
        switch (fault) {
            case "none" -> depot.clearFault(index, SimulatedPiles.device(device));
            case "no-reply" -> depot.injectFault(index, SimulatedPiles.device(device), new Fault.NoReply());
            case "exception" -> depot.injectFault(index, SimulatedPiles.device(device), new Fault.ExceptionReply(4));
            case "drop" -> depot.injectFault(index, SimulatedPiles.device(device), new Fault.DropConnection());
            case "corrupt" -> depot.injectFault(index, SimulatedPiles.device(device),
                    new Fault.Corrupt(Fault.Corruption.RANDOM_BYTES));
            default -> throw new IllegalArgumentException("fault must be no-reply, exception, drop, corrupt or none,"
                    + " was '" + fault + "'");
        }
        return null;
    }
}
