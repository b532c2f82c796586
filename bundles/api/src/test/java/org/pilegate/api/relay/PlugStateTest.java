package org.pilegate.api.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlugStateTest {

    @Test
    void vehicleIsPresentOnlyInBCAndD() {
        Set<PlugState> present = EnumSet.noneOf(PlugState.class);
        for (PlugState state : PlugState.values()) {
            if (state.vehiclePresent()) {
                present.add(state);
            }
        }
        assertEquals(EnumSet.of(PlugState.B, PlugState.C, PlugState.D), present);
    }

    @Test
    void chargingIsRequestedOnlyInCAndD() {
        Set<PlugState> requesting = EnumSet.noneOf(PlugState.class);
        for (PlugState state : PlugState.values()) {
            if (state.chargingRequested()) {
                requesting.add(state);
            }
        }
        assertEquals(EnumSet.of(PlugState.C, PlugState.D), requesting);
    }
}
