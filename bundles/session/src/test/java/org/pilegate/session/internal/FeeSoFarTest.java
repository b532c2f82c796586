package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;

class FeeSoFarTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final long START_WH = 40_000;
    private static final ChargingSession SESSION = SessionRecord.opened(new PileId("bay-07"), Optional.empty(),
            Optional.empty(), START_WH, T0).session();

    private final RecordingPricing pricing = new RecordingPricing(new CentPerTenWh());

    @Test
    void theSessionIsHandedToThePricingOnceWithEveryPointItRecorded() {
        FeeSoFar fee = new FeeSoFar(SESSION, List.of(charging(1, 60, 180), charging(2, 120, 360)));
        fee.add(charging(3, 180, 545));

        assertEquals(Money.of(54, "EUR"), total(fee.until(pricing, T0.plusSeconds(180))));
        fee.add(charging(4, 240, 730));
        assertEquals(Money.of(73, "EUR"), total(fee.until(pricing, T0.plusSeconds(240))));

        assertEquals(1, pricing.running);
        SessionTimeline priced = pricing.timelines.get(1);
        assertEquals(List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240)),
                priced.samples().stream().map(MeterSample::at).toList());
        assertEquals(T0.plusSeconds(240), priced.end());
    }

    /** A clock set back: the point counts at the latest time seen, and the fee so far runs until then at least. */
    @Test
    void aPointBeforeTheLastOneCountsAtTheLastOnesTime() {
        FeeSoFar fee = new FeeSoFar(SESSION, List.of(charging(1, 3_600, 1_000)));
        fee.add(charging(2, 30, 1_100));

        fee.until(pricing, T0.plusSeconds(30));

        SessionTimeline priced = pricing.timelines.get(0);
        assertEquals(List.of(T0, T0.plusSeconds(3_600), T0.plusSeconds(3_600)),
                priced.samples().stream().map(MeterSample::at).toList());
        assertEquals(T0.plusSeconds(3_600), priced.end());
        assertEquals(1_100, priced.energyWh());
    }

    private static StatusPoint charging(long seq, long second, long deliveredWh) {
        return new StatusPoint(seq, T0.plusSeconds(second), SessionState.CHARGING, 11_000, START_WH + deliveredWh);
    }

    private static Money total(Optional<PricedSession> price) {
        return price.orElseThrow().total();
    }
}
