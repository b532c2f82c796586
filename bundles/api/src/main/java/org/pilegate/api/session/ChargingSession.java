package org.pilegate.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * One charging session on one pile, from plug-in to paid fee. Energy is tracked as readings of
 * the pile meter's absolute import register, so delivered energy is a difference of registers.
 *
 * @param id the session
 * @param pile the pile it runs on
 * @param vehicle the vehicle, once identified
 * @param state where it is in its lifecycle
 * @param startedAt when the session was opened
 * @param startEnergyWh meter register in Wh when the session was opened
 * @param endedAt when energy delivery ended; present exactly when {@link SessionState#hasEnded()}
 * @param endEnergyWh meter register in Wh at the end; absent if the meter could not be read
 * @param info what the gateway decided, once authorised
 */
public record ChargingSession(
        SessionId id,
        PileId pile,
        Optional<VehicleId> vehicle,
        SessionState state,
        Instant startedAt,
        long startEnergyWh,
        Optional<Instant> endedAt,
        Optional<Long> endEnergyWh,
        Optional<ChargingInfo> info) {

    public ChargingSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endEnergyWh, "endEnergyWh");
        Objects.requireNonNull(info, "info");
        if (startEnergyWh < 0) {
            throw new IllegalArgumentException("startEnergyWh must not be negative: " + startEnergyWh);
        }
        if (endEnergyWh.filter(wh -> wh < 0).isPresent()) {
            throw new IllegalArgumentException("endEnergyWh must not be negative: " + endEnergyWh.get());
        }
        if (endedAt.isPresent() != state.hasEnded()) {
            throw new IllegalArgumentException("endedAt must be present exactly when the session has ended,"
                    + " but state is " + state + " and endedAt is " + endedAt);
        }
        if (endEnergyWh.isPresent() && endedAt.isEmpty()) {
            throw new IllegalArgumentException("endEnergyWh " + endEnergyWh.get() + " given without endedAt");
        }
        if (endedAt.filter(end -> end.isBefore(startedAt)).isPresent()) {
            throw new IllegalArgumentException(
                    "endedAt " + endedAt.get() + " is before startedAt " + startedAt);
        }
        if (info.filter(i -> !i.sessionId().equals(id) || !i.pileId().equals(pile)).isPresent()) {
            throw new IllegalArgumentException("info is for session " + info.get().sessionId()
                    + " on pile " + info.get().pileId() + ", not " + id + " on " + pile);
        }
    }

    /**
     * Energy delivered in Wh up to the given meter register reading. A register below the start
     * means the meter was replaced or reset; that gives 0 rather than a negative delivery, and the
     * energy since the reset is not counted.
     *
     * @param currentRegisterWh the meter's import register in Wh now (or at the end)
     */
    public long deliveredWh(long currentRegisterWh) {
        if (currentRegisterWh < 0) {
            throw new IllegalArgumentException("currentRegisterWh must not be negative: " + currentRegisterWh);
        }
        return Math.max(0, currentRegisterWh - startEnergyWh);
    }
}
