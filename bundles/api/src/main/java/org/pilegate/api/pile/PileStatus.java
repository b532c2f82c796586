package org.pilegate.api.pile;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
 * @param faultText what went wrong, for humans, if the pile reported something
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
        Optional<String> faultText,
        Instant at) {

    public PileStatus {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(plugState, "plugState");
        Objects.requireNonNull(activeSession, "activeSession");
        Objects.requireNonNull(faultText, "faultText");
        Objects.requireNonNull(at, "at");
        if (energyWh < 0) {
            throw new IllegalArgumentException("energyWh must not be negative: " + energyWh);
        }
        RelayCommand.checkCurrentLimitA(currentLimitA);
        if (faultText.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("faultText must not be blank when present");
        }
    }
}
