package org.pilegate.meter.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;

/** The shipped meter profiles, read the way the driver reads them: merged requests, then decoded. */
class ReadPlanTest {

    private final ProfileCatalog catalog = new ProfileCatalog(List.of());

    /** Answers every request of {@code plan} from a register image of the whole address space. */
    private static Map<MergedRead, RegisterBlock> answers(ReadPlan plan, Map<Integer, Integer> registers) {
        Map<MergedRead, RegisterBlock> answers = new HashMap<>();
        for (MergedRead read : plan.reads()) {
            int[] words = new int[read.request().count()];
            for (int i = 0; i < words.length; i++) {
                words[i] = registers.getOrDefault(read.request().address() + i, 0);
            }
            answers.put(read, RegisterBlock.of(words));
        }
        return answers;
    }

    @Test
    void shippedMeterProfilesLoad() {
        for (String id : List.of("eastron-sdm630", "carlo-gavazzi-em24", "abb-b23")) {
            MeterProfile profile = catalog.meter(id);
            assertEquals(id, profile.id());
            assertTrue(!profile.source().isBlank(), id + " names the register map it follows");
        }
    }

    @Test
    void sdm630MapIsOneRequestOrThreeWithoutGaps() {
        MeterProfile sdm630 = catalog.meter("eastron-sdm630");

        assertEquals(List.of(new ReadRequest(7, FunctionCode.READ_INPUT_REGISTERS, 0, 74)),
                ReadPlan.of(sdm630, 7, 125).reads().stream().map(MergedRead::request).toList());
        assertEquals(List.of(new ReadRequest(7, FunctionCode.READ_INPUT_REGISTERS, 0, 12),
                new ReadRequest(7, FunctionCode.READ_INPUT_REGISTERS, 52, 2),
                new ReadRequest(7, FunctionCode.READ_INPUT_REGISTERS, 72, 2)),
                ReadPlan.of(sdm630, 7, 0).reads().stream().map(MergedRead::request).toList());
    }

    @Test
    void em24IsInt32LowWordFirstInTenthsAndThousandths() {
        ReadPlan plan = ReadPlan.of(catalog.meter("carlo-gavazzi-em24"), 1, 125);
        // 230.5 V, 16.123 A, 11.0000 kW (W*10 = 110000 = 0x0001ADB0), 12345.6 kWh (kWh*10 = 0x0001E240)
        Map<Integer, Integer> registers = Map.of(0x00, 2305, 0x02, 2310, 0x04, 2298,
                0x0C, 16123, 0x0E, 16000, 0x10, 15877,
                0x28, 0xADB0, 0x29, 0x0001,
                0x34, 0xE240, 0x35, 0x0001);

        Map<MeterQuantity, Long> values = plan.decode(answers(plan, registers));

        assertEquals(1, plan.reads().size());
        assertEquals(12_345_600L, values.get(MeterQuantity.ENERGY_IMPORT_WH));
        assertEquals(11_000L, values.get(MeterQuantity.ACTIVE_POWER_W));
        assertEquals(230_500L, values.get(MeterQuantity.VOLTAGE_L1_MV));
        assertEquals(229_800L, values.get(MeterQuantity.VOLTAGE_L3_MV));
        assertEquals(16_123L, values.get(MeterQuantity.CURRENT_L1_MA));
        assertEquals(15_877L, values.get(MeterQuantity.CURRENT_L3_MA));
    }

    @Test
    void abbB23IsReadInTwoRequestsHighWordFirst() {
        ReadPlan plan = ReadPlan.of(catalog.meter("abb-b23"), 1, 125);
        // 12345.67 kWh as UINT64 in 0.01 kWh (1234567 = 0x12D687), -1500.00 W as INT32 in 0.01 W
        // (-150000 = 0xFFFDB610), 230.5 V in 0.1 V, 16.12 A in 0.01 A
        Map<Integer, Integer> registers = Map.of(0x5002, 0x0012, 0x5003, 0xD687,
                0x5B00, 0, 0x5B01, 2305,
                0x5B0C, 0, 0x5B0D, 1612,
                0x5B14, 0xFFFD, 0x5B15, 0xB610);

        Map<MeterQuantity, Long> values = plan.decode(answers(plan, registers));

        assertEquals(List.of(new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0x5000, 4),
                new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0x5B00, 22)),
                plan.reads().stream().map(MergedRead::request).toList());
        assertEquals(12_345_670L, values.get(MeterQuantity.ENERGY_IMPORT_WH));
        assertEquals(-1_500L, values.get(MeterQuantity.ACTIVE_POWER_W));
        assertEquals(230_500L, values.get(MeterQuantity.VOLTAGE_L1_MV));
        assertEquals(16_120L, values.get(MeterQuantity.CURRENT_L1_MA));
    }

    @Test
    void garbageNamesTheQuantity() {
        ReadPlan plan = ReadPlan.of(catalog.meter("eastron-sdm630"), 1, 125);
        Map<Integer, Integer> registers = Map.of(52, 0x7FC0, 53, 0x0000); // NaN in the power register

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan.decode(answers(plan, registers)));

        assertTrue(e.getMessage().startsWith("ACTIVE_POWER_W: ") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
