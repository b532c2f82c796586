package org.pilegate.api.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class SessionTimelineTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private static MeterSample sample(long secondsAfterStart, long registerWh) {
        return new MeterSample(START.plusSeconds(secondsAfterStart), registerWh, 11_000, OptionalInt.empty(), true);
    }

    private static String refusal(Instant end, MeterSample... samples) {
        return assertThrows(IllegalArgumentException.class,
                () -> new SessionTimeline(START, end, List.of(samples))).getMessage();
    }

    @Test
    void energyIsTheDifferenceOfTheRegisters() {
        assertEquals(2_500, new SessionTimeline(START, START.plusSeconds(600),
                List.of(sample(0, 100_000), sample(600, 102_500))).energyWh());
    }

    @Test
    void refusesSamplesThatDoNotDescribeTheSession() {
        assertEquals("samples must hold at least one sample", refusal(START));
        assertEquals("the first sample at 2026-11-23T07:59:50Z is before the start 2026-11-23T08:00:00Z",
                refusal(START.plusSeconds(60), sample(-10, 0)));
        assertEquals("samples[1] at 2026-11-23T07:59:00Z is before samples[0] at 2026-11-23T08:00:00Z",
                refusal(START.plusSeconds(60), sample(0, 0), sample(-60, 10)));
        assertEquals("samples[1] register 90 Wh is below samples[0] register 100 Wh",
                refusal(START.plusSeconds(60), sample(0, 100), sample(30, 90)));
        assertEquals("the last sample at 2026-11-23T08:02:00Z is after the end 2026-11-23T08:01:00Z",
                refusal(START.plusSeconds(60), sample(0, 100), sample(120, 190)));
        assertEquals("end 2026-11-23T07:59:00Z is before start 2026-11-23T08:00:00Z",
                refusal(START.minusSeconds(60), sample(0, 100)));
    }
}
