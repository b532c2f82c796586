package org.pilegate.pile.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * What a pile's meter and relay said last: polled, or the relay's answer to a command. The pile's status shows these
 * figures; until a device has answered, it shows nothing plugged, closed or drawn. Not thread-safe: the pile's monitor
 * guards it.
 */
final class PileReadings {

    private Optional<RelayState> relay = Optional.empty();
    private Optional<MeterReading> meter = Optional.empty();

    /** The relay showed {@code state}, polled or in answer to a command. */
    void relayShows(RelayState state) {
        relay = Optional.of(state);
    }

    /**
     * The relay answered an open with {@code answer}; a state polled after it says more.
     *
     * @return whether the answer is taken: no newer state is known
     */
    boolean relayAnsweredOpen(RelayState answer) {
        if (relay.filter(known -> known.timestamp().isAfter(answer.timestamp())).isPresent()) {
            return false;
        }
        relay = Optional.of(answer);
        return true;
    }

    void meterShows(MeterReading reading) {
        meter = Optional.of(reading);
    }

    Optional<RelayState> relay() {
        return relay;
    }

    Optional<MeterReading> meter() {
        return meter;
    }

    /** Whether both devices have answered, so the status shows the real pile. */
    boolean seen() {
        return relay.isPresent() && meter.isPresent();
    }

    /** Whether the control pilot shows a vehicle. */
    boolean plugged() {
        return relay.map(r -> r.plugState().vehiclePresent()).orElse(false);
    }

    /** The vehicle the relay identified, if one is plugged in and identified itself. */
    Optional<VehicleId> vehicle() {
        return relay.filter(r -> r.plugState().vehiclePresent()).flatMap(RelayState::vehicleId);
    }

    boolean contactorClosed() {
        return relay.map(RelayState::contactorClosed).orElse(false);
    }

    /** Whether the relay offers {@code limitA} already. */
    boolean offers(int limitA) {
        return relay.map(RelayState::currentLimitA).orElse(-1) == limitA;
    }

    /** The pile's status with these figures. */
    PileStatus status(PileId pile, PileState state, Optional<SessionId> session, List<PileFault> faults,
            Instant at) {
        return new PileStatus(pile, state,
                relay.map(RelayState::plugState).orElse(PlugState.A),
                contactorClosed(),
                meter.map(MeterReading::activePowerW).orElse(0L),
                meter.map(MeterReading::energyImportWh).orElse(0L),
                relay.map(RelayState::currentLimitA).orElse(0),
                session,
                faults,
                at);
    }
}
