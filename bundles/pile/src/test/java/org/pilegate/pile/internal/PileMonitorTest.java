package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;

class PileMonitorTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final PileMonitor monitor = new PileMonitor(new PileId("bay-07"), "bay-07.meter", "bay-07.relay", clock,
            GRACE);
    private final List<PileStatus> published = new ArrayList<>();

    PileMonitorTest() {
        monitor.subscribe(published::add);
    }

    @Test
    void plugAndUnplugFollowTheControlPilot() {
        monitor.onRelayState(relay(PlugState.B, false));
        assertEquals(PileState.PLUGGED, monitor.status().state());

        monitor.onRelayState(relay(PlugState.A, false));
        assertEquals(PileState.AVAILABLE, monitor.status().state());
        assertEquals(List.of(PileState.PLUGGED, PileState.AVAILABLE), published.stream().map(PileStatus::state).toList());
    }

    @Test
    void meterFiguresAreCarriedIntoTheStatus() {
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(123_456, 7_400, ReadingQuality.GOOD));

        PileStatus status = monitor.status();
        assertEquals(123_456, status.energyWh());
        assertEquals(7_400, status.powerW());
        assertTrue(status.contactorClosed());
    }

    @Test
    void pilotErrorFaultsThePileAndRecoveryFollowsThePlug() {
        monitor.onRelayState(relay(PlugState.B, false));
        monitor.onRelayState(relay(PlugState.E, false));
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertEquals(Optional.of("control pilot reports state E"), monitor.status().faultText());

        monitor.onRelayState(relay(PlugState.B, false));
        assertEquals(PileState.PLUGGED, monitor.status().state());
        assertEquals(Optional.empty(), monitor.status().faultText());
    }

    @Test
    void aSilentMeterFaultsOnlyAfterTheGracePeriod() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.STALE));

        clock.advance(GRACE.minusSeconds(1));
        keepRelayAlive();
        assertEquals(PileState.AVAILABLE, monitor.status().state(), "a driver update fits in the grace period");

        clock.advance(Duration.ofSeconds(2));
        keepRelayAlive();
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertTrue(monitor.status().faultText().orElseThrow().startsWith("meter bay-07.meter not answering"));

        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        assertEquals(PileState.AVAILABLE, monitor.status().state());
    }

    @Test
    void aSilentRelayFaultsThePile() {
        monitor.onRelayState(relay(PlugState.B, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));

        clock.advance(GRACE.plusSeconds(1));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        monitor.checkSilence();

        assertEquals(PileState.FAULTED, monitor.status().state());
        assertTrue(monitor.status().faultText().orElseThrow().startsWith("relay bay-07.relay not answering"));
    }

    @Test
    void implausibleReadingsFaultAtOnce() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.INVALID));
        assertEquals(PileState.FAULTED, monitor.status().state());
    }

    @Test
    void unchangedReadingsPublishNothingNew() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        int before = published.size();

        clock.advance(Duration.ofSeconds(1));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));

        assertEquals(before, published.size());
    }

    private void keepRelayAlive() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.checkSilence();
    }

    private RelayState relay(PlugState plug, boolean closed) {
        return new RelayState(closed, plug, plug.vehiclePresent() ? Optional.of(new VehicleId("EV-1"))
                : Optional.empty(), 16, clock.instant());
    }

    private MeterReading reading(long energyWh, long powerW, ReadingQuality quality) {
        return new MeterReading(clock.instant(), energyWh, powerW, quality, Optional.empty());
    }

    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
