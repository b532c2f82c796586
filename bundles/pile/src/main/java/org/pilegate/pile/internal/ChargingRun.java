package org.pilegate.pile.internal;

import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.session.ChargingInfo;

/**
 * The session a pile charges for, with the meter register it counts from. A vehicle takes a moment to start
 * drawing once the contactor closed, so it counts as paused only after it has drawn; it is idle from the
 * authorisation or from the moment it stopped drawing.
 */
record ChargingRun(ChargingInfo info, long startRegisterWh, boolean vehicleHasDrawn, Optional<Instant> idleSince) {

    ChargingRun drawing() {
        return new ChargingRun(info, startRegisterWh, true, Optional.empty());
    }

    ChargingRun idleFrom(Instant since) {
        return idleSince.isPresent() ? this : new ChargingRun(info, startRegisterWh, vehicleHasDrawn,
                Optional.of(since));
    }
}
