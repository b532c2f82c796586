package org.pilegate.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.money.Money;

/**
 * What the driver asks for at the terminal. Charging stops at whichever target is reached first;
 * with none set it runs until the vehicle is full or the driver stops it.
 *
 * @param energyWh energy to deliver in Wh, positive
 * @param budget most the driver wants to spend, positive
 * @param departure when the driver leaves; used to plan the current
 */
public record ChargingTargets(Optional<Long> energyWh, Optional<Money> budget, Optional<Instant> departure) {

    public ChargingTargets {
        Objects.requireNonNull(energyWh, "energyWh");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(departure, "departure");
        if (energyWh.filter(wh -> wh <= 0).isPresent()) {
            throw new IllegalArgumentException("energyWh must be positive: " + energyWh.get());
        }
        if (budget.filter(money -> !money.isPositive()).isPresent()) {
            throw new IllegalArgumentException("budget must be positive: " + budget.get());
        }
    }

    /** No target: charge until full or stopped. */
    public static ChargingTargets none() {
        return new ChargingTargets(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
