package org.pilegate.sim.internal;

import java.util.Map;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;

/** A pile's energy meter, serving exactly the points of its profile, read-only. */
final class SimulatedMeter extends SimulatedDevice {

    private final MeterProfile profile;

    SimulatedMeter(Pile pile, MeterProfile profile, RegisterMap map) {
        super(pile, map);
        this.profile = profile;
    }

    /** @throws org.pilegate.device.profile.InvalidProfileException if points overlap */
    static RegisterMap registerMap(MeterProfile profile) {
        RegisterMap.Builder map = RegisterMap.builder(profile.id());
        profile.points().forEach((quantity, point) -> map.map(Table.of(point.function()), point.address(),
                point.type().words(), quantity.name()));
        return map.build();
    }

    @Override
    protected void render(RegisterImage target) {
        for (Map.Entry<MeterQuantity, RegisterPoint> entry : profile.points().entrySet()) {
            RegisterPoint point = entry.getValue();
            target.put(Table.of(point.function()), point.address(), point.fromUnits(pile.meterValue(entry.getKey())));
        }
    }
}
