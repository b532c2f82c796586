package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.SessionId;

class PileFaultsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final PileFaults faults = new PileFaults("bay-07.meter", "bay-07.relay", GRACE, T0);

    @Test
    void devicesCountAsAnsweringFromTheStartUntilTheGracePeriodHasPassed() {
        faults.checkSilence(T0.plus(GRACE), Optional.empty());
        assertFalse(faults.any());

        faults.checkSilence(T0.plus(GRACE).plusMillis(1), Optional.empty());
        assertEquals(Optional.of("relay bay-07.relay not answering since " + T0 + "; meter bay-07.meter not"
                + " answering since " + T0), faults.text());
    }

    @Test
    void aPilotErrorFaultsUntilThePilotShowsAPlugStateAgain() {
        faults.relayAnswered(relay(PlugState.E), T0);
        assertEquals(Optional.of("control pilot reports state E"), faults.text());

        faults.relayAnswered(relay(PlugState.B), T0);
        assertEquals(Optional.empty(), faults.text());
    }

    @Test
    void aStaleMeterFaultsOnlyAfterTheGracePeriodAndAGoodReadingClearsIt() {
        MeterReading stale = reading(ReadingQuality.STALE);
        faults.meterAnswered(stale, T0.plusSeconds(5));
        faults.relayAnswered(relay(PlugState.A), T0.plusSeconds(11));
        faults.checkSilence(T0.plusSeconds(11), Optional.of(stale));
        assertEquals(Optional.of("meter bay-07.meter not answering since " + T0), faults.text());

        faults.meterAnswered(reading(ReadingQuality.GOOD), T0.plusSeconds(12));
        assertFalse(faults.any());
    }

    @Test
    void implausibleValuesFaultAtOnceAndAnAnsweringRelayClearsItsSilence() {
        faults.meterAnswered(reading(ReadingQuality.INVALID), T0);
        assertEquals(Optional.of("meter bay-07.meter reports implausible values"), faults.text());

        faults.checkSilence(T0.plusSeconds(11), Optional.of(reading(ReadingQuality.GOOD)));
        assertTrue(faults.text().orElseThrow().contains("relay bay-07.relay not answering"));
        faults.relayAnswered(relay(PlugState.A), T0.plusSeconds(12));
        assertEquals(Optional.of("meter bay-07.meter reports implausible values"), faults.text());
    }

    @Test
    void aReconfiguredPileNamesItsNewDevicesAndKeepsToItsNewGracePeriod() {
        faults.reconfigure("bay-07.meter2", "bay-07.relay2", Duration.ofSeconds(30));

        faults.checkSilence(T0.plusSeconds(30), Optional.empty());
        assertFalse(faults.any());
        faults.checkSilence(T0.plusSeconds(31), Optional.empty());
        assertTrue(faults.text().orElseThrow().startsWith("relay bay-07.relay2 not answering"), faults.text()::get);
    }

    @Test
    void theLastFaultTellsOfTheSessionHeldThroughThemAndTheCodesStay() {
        assertEquals(List.of(), faults.noted(Optional.of(new SessionId("s-1"))), "no fault, nothing to tell");

        faults.meterAnswered(reading(ReadingQuality.INVALID), T0);
        faults.relayAnswered(relay(PlugState.E), T0);
        assertEquals(List.of(new PileFault(ErrorCode.METER_IMPLAUSIBLE, "meter bay-07.meter reports implausible values"),
                new PileFault(ErrorCode.CONTROL_PILOT_ERROR, "control pilot reports state E")),
                faults.noted(Optional.empty()));

        List<PileFault> held = faults.noted(Optional.of(new SessionId("s-1")));
        assertEquals(new PileFault(ErrorCode.METER_IMPLAUSIBLE, "meter bay-07.meter reports implausible values"),
                held.get(0));
        assertEquals(new PileFault(ErrorCode.CONTROL_PILOT_ERROR, "control pilot reports state E; session s-1 not"
                + " settled until the relay shows the contactor open and the meter is read after that"), held.get(1));
    }

    private static RelayState relay(PlugState plug) {
        return new RelayState(false, plug, Optional.empty(), 0, T0);
    }

    private static MeterReading reading(ReadingQuality quality) {
        return new MeterReading(T0, 1_000, 0, quality, Optional.empty());
    }
}
