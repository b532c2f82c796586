package org.pilegate.session.internal;

import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingTargets;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * Decides the charging info for a session from what the driver asked for, what the pile can do and, for a driver
 * with a wallet, what the account can pay: the budget is capped to the balance, so a session never runs up a fee
 * the account cannot cover.
 */
final class ChargingPolicy {

    /** IEC 61851: below 6 A the control pilot cannot offer charging at all. */
    static final int MIN_CURRENT_A = 6;
    /** Larger than any vehicle battery: a bigger target is a typing error, not a wish. */
    static final long MAX_TARGET_WH = 300_000;

    /**
     * @param pileMaxCurrentA what the pile can deliver now
     * @param balance the account's balance, when the driver pays from a wallet
     * @throws ChargingRefusedException saying which rule refused the request
     */
    ChargingInfo decide(SessionId session, PileId pile, Optional<VehicleId> vehicle, ChargingTargets targets,
            int pileMaxCurrentA, Optional<Money> balance, Instant now) throws ChargingRefusedException {
        if (pileMaxCurrentA < MIN_CURRENT_A) {
            throw new ChargingRefusedException(ErrorCode.PILE_UNAVAILABLE, "pile " + pile + " can offer "
                    + pileMaxCurrentA + " A now, charging needs at least " + MIN_CURRENT_A + " A");
        }
        if (targets.energyWh().filter(wh -> wh > MAX_TARGET_WH).isPresent()) {
            throw new ChargingRefusedException(ErrorCode.TARGET_TOO_LARGE, "target energy " + targets.energyWh().get()
                    + " Wh is more than " + MAX_TARGET_WH + " Wh");
        }
        if (targets.departure().filter(departure -> !departure.isAfter(now)).isPresent()) {
            throw new ChargingRefusedException(ErrorCode.DEPARTURE_IN_PAST, "departure " + targets.departure().get()
                    + " is not in the future");
        }
        Optional<Money> budget = targets.budget();
        if (balance.isPresent()) {
            budget = Optional.of(cappedBudget(targets.budget(), balance.get()));
        }
        return new ChargingInfo(session, pile, vehicle, pileMaxCurrentA, targets.energyWh(), budget,
                targets.departure());
    }

    private static Money cappedBudget(Optional<Money> asked, Money balance) throws ChargingRefusedException {
        if (!balance.isPositive()) {
            throw new ChargingRefusedException(ErrorCode.INSUFFICIENT_BALANCE, "the wallet holds " + balance
                    + "; top it up to charge");
        }
        if (asked.isEmpty()) {
            return balance;
        }
        if (!asked.get().currency().equals(balance.currency())) {
            throw new ChargingRefusedException(ErrorCode.CURRENCY_MISMATCH, "the budget is in "
                    + asked.get().currency().getCurrencyCode() + ", the wallet in "
                    + balance.currency().getCurrencyCode());
        }
        return asked.get().isGreaterThan(balance) ? balance : asked.get();
    }
}
