package org.pilegate.api.terminal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.vehicle.VehicleId;

/**
 * Asks the driver at a plugged-in pile what to charge; answered by a {@link ChargingRequest}.
 *
 * @param pile the pile the vehicle is plugged into
 * @param vehicle the vehicle, if the pile identified it
 * @param promptedAt when the prompt was issued
 * @param maxCurrentA most current the pile can offer now, in A
 * @param tariffSummary the applicable tariff in words, e.g. "0.39 EUR/kWh, 0.10 EUR/min after 4 h"
 */
public record ChargingPrompt(
        PileId pile,
        Optional<VehicleId> vehicle,
        Instant promptedAt,
        int maxCurrentA,
        Optional<String> tariffSummary) implements TerminalOutbound {

    public static final String TYPE = "charging_prompt";

    public ChargingPrompt {
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(promptedAt, "promptedAt");
        Objects.requireNonNull(tariffSummary, "tariffSummary");
        RelayCommand.checkCurrentLimitA(maxCurrentA);
        if (tariffSummary.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("tariffSummary must not be blank when present");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
