package org.pilegate.device.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.RegisterType;
import org.pilegate.modbus.WordOrder;

class ProfilesTest {

    private final ProfileCatalog shipped = new ProfileCatalog(List.of());

    @Test
    void shippedProfilesLoad() {
        assertTrue(shipped.meterIds().contains("eastron-sdm630"));
        assertTrue(shipped.relayIds().contains("pilegate-generic-relay"));
        for (String id : shipped.meterIds()) {
            assertEquals(id, shipped.meter(id).id());
        }
        for (String id : shipped.relayIds()) {
            assertEquals(id, shipped.relay(id).id());
        }
    }

    @Test
    void sdm630EnergyIsReadFromItsFloatKwhRegister() {
        RegisterPoint energy = shipped.meter("eastron-sdm630").points().get(MeterQuantity.ENERGY_IMPORT_WH);

        assertEquals(72, energy.address());
        // 12345.678 kWh as the meter holds it: float32 0x4640E6B6
        assertEquals(12_345_678, energy.toUnits(RegisterBlock.of(0x4640, 0xE6B6), 0));
    }

    @Test
    void scaledIntegerPointsConvertExactlyBothWays() {
        RegisterPoint tenthsOfKwh = new RegisterPoint(FunctionCode.READ_HOLDING_REGISTERS, 0x34, RegisterType.INT32,
                WordOrder.CDAB, new BigDecimal("100"));
        RegisterBlock words = tenthsOfKwh.fromUnits(1_234_500);

        assertEquals(1_234_500, tenthsOfKwh.toUnits(words, 0));
        assertEquals(12_345, words.get(0)); // low word first
        assertEquals(0, words.get(1));
    }

    @Test
    void roundingIsHalfEven() {
        RegisterPoint tenthsOfWatt = new RegisterPoint(FunctionCode.READ_INPUT_REGISTERS, 0, RegisterType.INT16,
                WordOrder.ABCD, new BigDecimal("0.1"));
        assertEquals(2, tenthsOfWatt.toUnits(RegisterBlock.of(25), 0));
        assertEquals(4, tenthsOfWatt.toUnits(RegisterBlock.of(35), 0));
        assertEquals(-2, tenthsOfWatt.toUnits(RegisterBlock.of(0xFFE7), 0)); // -25
    }

    @Test
    void notANumberIsRefused() {
        RegisterPoint power = shipped.meter("eastron-sdm630").points().get(MeterQuantity.ACTIVE_POWER_W);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> power.toUnits(RegisterBlock.of(0x7FC0, 0x0000), 0));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void vehicleIdsRoundTripInBothEncodings() {
        VehicleIdBlock ascii = new VehicleIdBlock(FunctionCode.READ_INPUT_REGISTERS, 10, 8,
                VehicleIdBlock.Encoding.ASCII);
        VehicleIdBlock hex = new VehicleIdBlock(FunctionCode.READ_INPUT_REGISTERS, 10, 4,
                VehicleIdBlock.Encoding.HEX);
        Optional<VehicleId> evccid = Optional.of(new VehicleId("DE8AAEVCC1234"));
        Optional<VehicleId> uid = Optional.of(new VehicleId("04A2B9C1"));

        assertEquals(evccid, ascii.decode(ascii.encode(evccid), 0));
        assertEquals(uid, hex.decode(hex.encode(uid), 0));
        assertEquals(Optional.empty(), ascii.decode(ascii.encode(Optional.empty()), 0));
        assertEquals(0x4445, ascii.encode(evccid).get(0)); // "DE", high byte first
    }

    @Test
    void plugStatesMapBothWays() {
        RelayProfile relay = shipped.relay("pilegate-generic-relay");
        assertEquals(PlugState.C, relay.plugStateOf(3));
        assertEquals(3, relay.rawOf(PlugState.C));
        assertEquals(PlugState.F, relay.plugStateOf(99), "unknown values read as error");
    }

    @Test
    void invalidProfileNamesFileAndField() {
        String json = """
                {"id": "broken", "description": "d", "source": "s",
                 "points": {"ENERGY_IMPORT_WH": {"function": "READ_COILS", "address": 0, "type": "UINT16",
                                                 "wordOrder": "ABCD", "scale": 1},
                            "ACTIVE_POWER_W": {"function": "READ_INPUT_REGISTERS", "address": 2, "type": "UINT16",
                                               "wordOrder": "ABCD", "scale": 1}}}""";
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> Profiles.meter(json, "etc/profiles/meter/broken.json"));
        assertEquals("profile etc/profiles/meter/broken.json: points.ENERGY_IMPORT_WH: function must read registers,"
                + " not READ_COILS", e.getMessage());
    }

    @Test
    void missingRequiredQuantityIsNamed() {
        String json = """
                {"id": "partial", "description": "d", "source": "s",
                 "points": {"ACTIVE_POWER_W": {"function": "READ_INPUT_REGISTERS", "address": 2, "type": "UINT16",
                                               "wordOrder": "ABCD", "scale": 1}}}""";
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> Profiles.meter(json, "x"));
        assertTrue(e.getMessage().endsWith("points: ENERGY_IMPORT_WH is required"), e.getMessage());
    }

    @Test
    void operatorFileAddsAndOverridesProfiles(@TempDir Path etcProfiles) throws IOException {
        Files.createDirectories(etcProfiles.resolve("meter"));
        Files.writeString(etcProfiles.resolve("meter/site-meter.json"), """
                {"id": "site-meter", "description": "custom", "source": "site wiring plan",
                 "points": {"ENERGY_IMPORT_WH": {"function": "READ_HOLDING_REGISTERS", "address": 100,
                                                 "type": "UINT32", "wordOrder": "CDAB", "scale": 10},
                            "ACTIVE_POWER_W": {"function": "READ_HOLDING_REGISTERS", "address": 102, "type": "INT32",
                                               "wordOrder": "CDAB", "scale": 1}}}""");
        ProfileCatalog catalog = new ProfileCatalog(List.of(etcProfiles));

        assertEquals(List.of("abb-b23", "carlo-gavazzi-em24", "eastron-sdm630", "site-meter"), catalog.meterIds());
        assertEquals(100, catalog.meter("site-meter").points().get(MeterQuantity.ENERGY_IMPORT_WH).address());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> shipped.meter("nope"));
        assertTrue(e.getMessage().contains("known: [abb-b23, carlo-gavazzi-em24, eastron-sdm630]"), e.getMessage());
    }
}
