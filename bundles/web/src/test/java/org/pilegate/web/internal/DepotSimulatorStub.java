package org.pilegate.web.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.pilegate.api.relay.PlugState;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;
import org.pilegate.sim.PileAddress;
import org.pilegate.sim.PileSnapshot;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.SiteLoad;

/** Three simulated piles that remember what was plugged in and which faults were injected. */
final class DepotSimulatorStub implements DepotSimulator {

    final Map<Integer, SimulatedVehicle> plugged = new HashMap<>();
    final Map<String, Fault> faults = new HashMap<>();

    @Override
    public int pileCount() {
        return 3;
    }

    @Override
    public PileAddress address(int pileIndex) {
        return new PileAddress("127.0.0.1", 15020, 2 * pileIndex + 1, 2 * pileIndex + 2);
    }

    @Override
    public synchronized void plug(int pileIndex, SimulatedVehicle vehicle) {
        plugged.put(pileIndex, vehicle);
    }

    @Override
    public synchronized void unplug(int pileIndex) {
        plugged.remove(pileIndex);
    }

    @Override
    public OptionalInt siteMeterUnitId() {
        return OptionalInt.empty();
    }

    @Override
    public SiteLoad siteLoad() {
        return new SiteLoad(new long[3], new long[3]);
    }

    @Override
    public synchronized void injectFault(int pileIndex, DeviceKind device, Fault fault) {
        faults.put(pileIndex + "/" + device, fault);
    }

    @Override
    public synchronized void clearFault(int pileIndex, DeviceKind device) {
        faults.remove(pileIndex + "/" + device);
    }

    @Override
    public synchronized PileSnapshot snapshot(int pileIndex) {
        Optional<SimulatedVehicle> vehicle = Optional.ofNullable(plugged.get(pileIndex));
        return new PileSnapshot(pileIndex, vehicle.isPresent() ? PlugState.B : PlugState.A, vehicle, false, 0, 0,
                1_000L * pileIndex);
    }
}
