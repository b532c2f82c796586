package org.pilegate.api.pile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.session.SessionId;

/**
 * Snapshot of one pile as published by the pile controller to terminals, OPC UA and the shell.
 *
 * @param pileId the pile
 * @param state what the pile is doing
 * @param plugState control pilot state seen at the connector
 * @param contactorClosed whether the relay contactor is closed (connector live)
 * @param powerW active power in W, positive towards the vehicle
 * @param energyWh absolute imported-energy register of the pile's meter in Wh
 * @param currentLimitA current offered to the vehicle in A, 0 when none is offered
 * @param activeSession the session running on the pile, if any
 * @param faults why the pile cannot be trusted now, if it cannot: one per source (control pilot, relay, meter)
 * @param at when the snapshot was taken
 */
public record PileStatus(
        PileId pileId,
        PileState state,
        PlugState plugState,
        boolean contactorClosed,
        long powerW,
        long energyWh,
        int currentLimitA,
        Optional<SessionId> activeSession,
        List<PileFault> faults,
        Instant at) {

    public PileStatus {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(plugState, "plugState");
        Objects.requireNonNull(activeSession, "activeSession");
        faults = List.copyOf(faults);
        Objects.requireNonNull(at, "at");
        if (energyWh < 0) {
            throw new IllegalArgumentException("energyWh must not be negative: " + energyWh);
        }
        RelayCommand.checkCurrentLimitA(currentLimitA);
    }

    /** A status whose fault, if it has one, is known by its text alone: {@link ErrorCode#PILE_FAULTED}. */
    public PileStatus(PileId pileId, PileState state, PlugState plugState, boolean contactorClosed, long powerW,
            long energyWh, int currentLimitA, Optional<SessionId> activeSession, Optional<String> faultText,
            Instant at) {
        this(pileId, state, plugState, contactorClosed, powerW, energyWh, currentLimitA, activeSession,
                faultText.map(text -> List.of(new PileFault(ErrorCode.PILE_FAULTED, text))).orElse(List.of()), at);
    }

    /** What went wrong, for humans: the faults' texts, if the pile has any. */
    public Optional<String> faultText() {
        return faults.isEmpty() ? Optional.empty()
                : Optional.of(faults.stream().map(PileFault::text).collect(Collectors.joining("; ")));
    }
}
