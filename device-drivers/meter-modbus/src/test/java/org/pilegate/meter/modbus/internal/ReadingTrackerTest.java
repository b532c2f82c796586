package org.pilegate.meter.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.meter.modbus.ModbusMeter;

class ReadingTrackerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final ProfileCatalog catalog = new ProfileCatalog(List.of());
    // stale after 3 s, at most 22 kW, 10 Wh tolerance
    private final MeterSettings settings = settings("10.0.7.2");
    private final ReadingTracker tracker = new ReadingTracker(settings, T0);

    private MeterSettings settings(String host) {
        TestConfig<Config> config = TestConfig.of(Config.class, ModbusMeter.PID, "bay-07")
                .set("id", "bay-07.meter").set("host", host).set("maxPowerW", 22_000);
        return MeterSettings.of(config.annotation(), config.properties(), catalog);
    }

    private static Map<MeterQuantity, Long> values(long energyWh, long powerW) {
        return Map.of(MeterQuantity.ENERGY_IMPORT_WH, energyWh, MeterQuantity.ACTIVE_POWER_W, powerW);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private MeterReading good(long millis, long energyWh) {
        MeterReading reading = tracker.answered(at(millis), values(energyWh, 7_000)).orElseThrow();
        assertEquals(ReadingQuality.GOOD, reading.quality());
        return reading;
    }

    @Test
    void plausibleAnswersAreGoodWithPhasesWhenAllSixAreMapped() {
        Map<MeterQuantity, Long> all = Map.of(MeterQuantity.ENERGY_IMPORT_WH, 1_000L,
                MeterQuantity.ACTIVE_POWER_W, 7_000L,
                MeterQuantity.VOLTAGE_L1_MV, 230_100L, MeterQuantity.VOLTAGE_L2_MV, 230_200L,
                MeterQuantity.VOLTAGE_L3_MV, 230_300L, MeterQuantity.CURRENT_L1_MA, 10_100L,
                MeterQuantity.CURRENT_L2_MA, -10_200L, MeterQuantity.CURRENT_L3_MA, 10_300L);

        assertEquals(Optional.of(new MeterReading(at(0), 1_000, 7_000, ReadingQuality.GOOD,
                Optional.of(new PhaseValues(230_100, 230_200, 230_300, 10_100, 10_200, 10_300)))),
                tracker.answered(at(0), all));
        assertEquals(Optional.of(new MeterReading(at(1000), 1_002, 7_000, ReadingQuality.GOOD, Optional.empty())),
                tracker.answered(at(1000), values(1_002, 7_000)));
    }

    @Test
    void energyGoingBackIsInvalidBeyondTheToleranceAndClampedWithinIt() {
        good(0, 50_000);

        MeterReading rounding = good(1000, 49_995);
        assertEquals(50_000, rounding.energyImportWh(), "the register never decreases");

        // the last good figures, with the time they were read
        assertEquals(Optional.of(new MeterReading(at(1000), 50_000, 7_000, ReadingQuality.INVALID, Optional.empty())),
                tracker.answered(at(2000), values(49_000, 7_000)));

        assertEquals(ReadingQuality.GOOD, good(3000, 50_010).quality());
    }

    @Test
    void energyRisingFasterThanMaximumPowerIsInvalid() {
        good(0, 50_000);
        // 22 kW for one hour at most: 22 000 Wh + 10 Wh
        assertEquals(ReadingQuality.GOOD, good(3_600_000, 72_010).quality());

        MeterReading jump = tracker.answered(at(3_601_000), values(72_010 + 1_000, 7_000)).orElseThrow();

        assertEquals(ReadingQuality.INVALID, jump.quality());
        assertEquals(72_010, jump.energyImportWh());
    }

    @Test
    void implausiblePowersAndPhasesAreInvalid() {
        good(0, 1_000);

        assertEquals(ReadingQuality.INVALID,
                tracker.answered(at(1000), values(1_001, 23_000)).orElseThrow().quality());
        assertEquals(ReadingQuality.INVALID, tracker.answered(at(2000), Map.of(MeterQuantity.ENERGY_IMPORT_WH, 1_001L,
                MeterQuantity.ACTIVE_POWER_W, 0L, MeterQuantity.VOLTAGE_L1_MV, 429_496_729_500L))
                .orElseThrow().quality());
        assertEquals(ReadingQuality.INVALID, tracker.garbled(at(3000), "ACTIVE_POWER_W: register 52 holds NaN")
                .orElseThrow().quality());
        assertEquals(-22_000, tracker.answered(at(4000), values(1_001, -22_000)).orElseThrow().activePowerW(),
                "power flowing back within the maximum is plausible");
    }

    @Test
    void nothingIsPublishedBeforeTheFirstGoodFigures() {
        assertEquals(Optional.empty(), tracker.garbled(at(0), "ENERGY_IMPORT_WH: register 72 holds NaN"));
        assertEquals(Optional.empty(), tracker.answered(at(1000), values(-5, 0)));
        assertEquals(Optional.empty(), tracker.checkSilence(at(10_000), Optional.of("timeout")));
    }

    @Test
    void silenceTurnsTheReadingStaleOnce() {
        MeterReading last = good(0, 1_000);

        assertEquals(Optional.empty(), tracker.checkSilence(at(2999), Optional.empty()));
        Optional<MeterReading> stale = tracker.checkSilence(at(3000), Optional.of("connection refused"));
        assertEquals(Optional.of(new MeterReading(last.timestamp(), 1_000, 7_000, ReadingQuality.STALE,
                Optional.empty())), stale);
        assertEquals(Optional.empty(), tracker.checkSilence(at(4000), Optional.empty()), "published once");

        assertEquals(ReadingQuality.GOOD, good(5000, 1_001).quality());
        assertTrue(tracker.checkSilence(at(8000), Optional.empty()).isPresent(), "silent again after recovering");
    }

    @Test
    void anotherDeviceStartsItsOwnRegisterTheSameDeviceContinues() {
        good(0, 50_000);

        tracker.reconfigure(settings);
        assertEquals(ReadingQuality.INVALID,
                tracker.answered(at(1000), values(100, 0)).orElseThrow().quality());

        tracker.reconfigure(settings("10.0.7.3"));
        assertEquals(new MeterReading(at(2000), 100, 0, ReadingQuality.GOOD, Optional.empty()),
                tracker.answered(at(2000), values(100, 0)).orElseThrow());
    }
}
