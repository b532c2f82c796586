package org.pilegate.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.vehicle.VehicleId;

/**
 * What the gateway decided for an authorised session, from the driver's {@link ChargingTargets},
 * the vehicle's binding and the depot's power budget.
 *
 * @param sessionId the session
 * @param pileId the pile it runs on
 * @param vehicleId the authorised vehicle, when the pile identified it (controllers without an ID reader, or
 *     drivers who scanned the pile's code, charge without one)
 * @param maxCurrentA highest current the pile may offer in A
 * @param targetEnergyWh energy after which charging stops, in Wh, positive
 * @param budget spend after which charging stops, positive
 * @param departure when the driver leaves
 */
public record ChargingInfo(
        SessionId sessionId,
        PileId pileId,
        Optional<VehicleId> vehicleId,
        int maxCurrentA,
        Optional<Long> targetEnergyWh,
        Optional<Money> budget,
        Optional<Instant> departure) {

    public ChargingInfo {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(targetEnergyWh, "targetEnergyWh");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(departure, "departure");
        RelayCommand.checkCurrentLimitA(maxCurrentA);
        if (targetEnergyWh.filter(wh -> wh <= 0).isPresent()) {
            throw new IllegalArgumentException("targetEnergyWh must be positive: " + targetEnergyWh.get());
        }
        if (budget.filter(money -> !money.isPositive()).isPresent()) {
            throw new IllegalArgumentException("budget must be positive: " + budget.get());
        }
    }
}
