package org.pilegate.pile.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;

/**
 * How a running session keeps to its charging info on its own: it ends at the target energy, and when the vehicle
 * has drawn nothing (control pilot B: paused or full) for the idle period. At 0 A offered the session is paused by
 * the depot, not idle, so it must not end for it.
 */
final class ChargingCourse {

    /**
     * What the pile does next.
     *
     * @param run the session's run from now on
     * @param event the state change, if any, before the session ends
     * @param finish why the session ends now, if it does
     */
    record Step(ChargingRun run, Optional<PileEvent> event, Optional<String> finish) {
    }

    private ChargingCourse() {
    }

    /**
     * @param run the session charging now, its contactor closed
     * @param offeredA the current the relay offers the session
     */
    static Step next(ChargingRun run, Optional<MeterReading> meter, Optional<RelayState> relay, int offeredA,
            Instant now, Duration idleFinish) {
        long register = meter.map(MeterReading::energyImportWh).orElse(run.startRegisterWh());
        Optional<Long> target = run.info().targetEnergyWh();
        if (target.isPresent() && register - run.startRegisterWh() >= target.get()) {
            return new Step(run, Optional.empty(), Optional.of("the target of " + target.get() + " Wh is reached"));
        }
        if (offeredA == 0) {
            return new Step(new ChargingRun(run.info(), run.startRegisterWh(), run.vehicleHasDrawn(), Optional.empty()),
                    Optional.of(PileEvent.POWER_STOPPED), Optional.empty());
        }
        boolean vehicleDraws = relay.map(r -> r.plugState() == PlugState.C || r.plugState() == PlugState.D)
                .orElse(false);
        if (vehicleDraws) {
            return new Step(run.drawing(), Optional.of(PileEvent.POWER_RESUMED), Optional.empty());
        }
        ChargingRun idle = run.idleFrom(now);
        Optional<PileEvent> paused = idle.vehicleHasDrawn() ? Optional.of(PileEvent.POWER_STOPPED) : Optional.empty();
        Optional<String> finish = Duration.between(idle.idleSince().orElseThrow(), now).compareTo(idleFinish) >= 0
                ? Optional.of("the vehicle drew no power for " + idleFinish.toSeconds() + " s")
                : Optional.empty();
        return new Step(idle, paused, finish);
    }
}
