package org.pilegate.shell.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.DeviceKind;

/** Names the simulator's piles as its provisioned configurations do: sim-01 is the first. */
final class SimulatedPiles {

    private static final Pattern NAME = Pattern.compile("sim-0*(\\d+)");

    private SimulatedPiles() {
    }

    static DepotSimulator running(DepotSimulator simulator) {
        if (simulator == null) {
            throw new IllegalStateException("the depot simulator is not running (etc/org.pilegate.sim.cfg)");
        }
        return simulator;
    }

    /** The index of simulated pile {@code name}, e.g. 6 for "sim-07". */
    static int index(DepotSimulator simulator, String name) {
        Matcher matcher = NAME.matcher(name);
        int index = matcher.matches() ? Integer.parseInt(matcher.group(1)) - 1 : -1;
        if (index < 0 || index >= simulator.pileCount()) {
            throw new IllegalArgumentException("'" + name + "' is not a simulated pile; they are sim-01 to sim-"
                    + String.format("%02d", simulator.pileCount()));
        }
        return index;
    }

    static DeviceKind device(String name) {
        try {
            return DeviceKind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device must be meter or relay, was '" + name + "'", e);
        }
    }
}
