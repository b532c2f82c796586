package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingTargets;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

class ChargingPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final SessionId SESSION = new SessionId("s-1");
    private static final PileId PILE = new PileId("bay-07");
    private static final Optional<VehicleId> EV = Optional.of(new VehicleId("EV-1"));

    private final ChargingPolicy policy = new ChargingPolicy();

    @Test
    void targetsPassThroughAtThePilesCurrent() throws Exception {
        ChargingTargets targets = new ChargingTargets(Optional.of(20_000L), Optional.of(Money.of(1_500, "EUR")),
                Optional.of(NOW.plusSeconds(3_600)));

        ChargingInfo info = policy.decide(SESSION, PILE, EV, targets, 32, Optional.empty(), NOW);

        assertEquals(new ChargingInfo(SESSION, PILE, EV, 32, Optional.of(20_000L), Optional.of(Money.of(1_500, "EUR")),
                Optional.of(NOW.plusSeconds(3_600))), info);
    }

    @Test
    void theBudgetIsCappedToTheWallet() throws Exception {
        ChargingTargets asked = new ChargingTargets(Optional.empty(), Optional.of(Money.of(5_000, "EUR")),
                Optional.empty());
        assertEquals(Optional.of(Money.of(1_200, "EUR")),
                policy.decide(SESSION, PILE, EV, asked, 16, Optional.of(Money.of(1_200, "EUR")), NOW).budget());
        assertEquals(Optional.of(Money.of(1_200, "EUR")), policy.decide(SESSION, PILE, Optional.empty(),
                ChargingTargets.none(), 16, Optional.of(Money.of(1_200, "EUR")), NOW).budget(),
                "no budget asked: the balance is the budget");
        assertEquals(Optional.of(Money.of(5_000, "EUR")),
                policy.decide(SESSION, PILE, EV, asked, 16, Optional.of(Money.of(9_000, "EUR")), NOW).budget());
    }

    @Test
    void refusalsNameTheRule() {
        assertEquals(ErrorCode.INSUFFICIENT_BALANCE,
                refusal(ChargingTargets.none(), 16, Optional.of(Money.of(0, "EUR"))));
        assertEquals(ErrorCode.CURRENCY_MISMATCH, refusal(new ChargingTargets(Optional.empty(),
                Optional.of(Money.of(100, "CHF")), Optional.empty()), 16, Optional.of(Money.of(100, "EUR"))));
        assertEquals(ErrorCode.PILE_UNAVAILABLE, refusal(ChargingTargets.none(), 5, Optional.empty()));
        assertEquals(ErrorCode.TARGET_TOO_LARGE, refusal(new ChargingTargets(Optional.of(300_001L), Optional.empty(),
                Optional.empty()), 16, Optional.empty()));
        assertEquals(ErrorCode.DEPARTURE_IN_PAST, refusal(new ChargingTargets(Optional.empty(), Optional.empty(),
                Optional.of(NOW)), 16, Optional.empty()));
    }

    private ErrorCode refusal(ChargingTargets targets, int pileMaxCurrentA, Optional<Money> balance) {
        return assertThrows(ChargingRefusedException.class,
                () -> policy.decide(SESSION, PILE, EV, targets, pileMaxCurrentA, balance, NOW)).code();
    }
}
