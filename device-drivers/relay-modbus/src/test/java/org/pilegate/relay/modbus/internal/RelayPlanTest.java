package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;

/** The shipped relay profiles, read the way the driver reads them. */
class RelayPlanTest {

    private final ProfileCatalog catalog = new ProfileCatalog(List.of());

    /** Answers every register request of {@code plan} from {@code registers}, keyed by function and address. */
    private static List<RegisterBlock> answers(RelayPlan plan, Map<FunctionCode, Map<Integer, Integer>> registers) {
        List<RegisterBlock> answers = new ArrayList<>();
        for (MergedRead read : plan.registerReads()) {
            int[] words = new int[read.request().count()];
            for (int i = 0; i < words.length; i++) {
                words[i] = registers.getOrDefault(read.request().function(), Map.of())
                        .getOrDefault(read.request().address() + i, 0);
            }
            answers.add(RegisterBlock.of(words));
        }
        return answers;
    }

    private static List<ReadRequest> requests(RelayPlan plan) {
        return plan.registerReads().stream().map(MergedRead::request).toList();
    }

    @Test
    void shippedRelayProfilesLoad() {
        for (String id : List.of("pilegate-generic-relay", "phoenix-em-cp-pp-eth", "phoenix-ev-cc-eth")) {
            RelayProfile profile = catalog.relay(id);
            assertEquals(id, profile.id());
            assertTrue(catalog.relayIds().contains(id), id + " is in the index");
        }
    }

    @Test
    void genericRelayReportsTheContactorThroughItsFeedbackRegister() {
        RelayPlan plan = RelayPlan.of(catalog.relay("pilegate-generic-relay"), 3);
        Map<FunctionCode, Map<Integer, Integer>> registers = Map.of(
                FunctionCode.READ_INPUT_REGISTERS, Map.of(0, 1, 1, 3),
                FunctionCode.READ_HOLDING_REGISTERS, Map.of(0, 16));

        assertEquals(List.of(new ReadRequest(3, FunctionCode.READ_HOLDING_REGISTERS, 0, 1),
                new ReadRequest(3, FunctionCode.READ_INPUT_REGISTERS, 0, 2)), requests(plan));
        assertEquals(Optional.empty(), plan.coilRead());
        assertEquals(new RelayPlan.Signals(true, PlugState.C, OptionalInt.of(16)),
                plan.decode(answers(plan, registers), Optional.empty()));
    }

    @Test
    void thePlanOfTheSignalsAloneLeavesTheCurrentLimitOut() {
        RelayPlan plan = RelayPlan.signalsOf(catalog.relay("phoenix-em-cp-pp-eth"), 180);
        Map<FunctionCode, Map<Integer, Integer>> registers = Map.of(
                FunctionCode.READ_INPUT_REGISTERS, Map.of(100, 0x0043));

        assertEquals(List.of(new ReadRequest(180, FunctionCode.READ_INPUT_REGISTERS, 100, 1)), requests(plan));
        assertEquals(Optional.of(new ReadRequest(180, FunctionCode.READ_COILS, 400, 1)), plan.coilRead());
        assertEquals(new RelayPlan.Signals(true, PlugState.C, OptionalInt.empty()),
                plan.decode(answers(plan, registers), Optional.of(BitBlock.of(true))));
    }

    @Test
    void phoenixEmCpPpEthReportsAsciiStatusAndItsEnableCoil() {
        RelayPlan plan = RelayPlan.of(catalog.relay("phoenix-em-cp-pp-eth"), 180);
        // status 'B' (0x42) in the low byte, 13 A offered
        Map<FunctionCode, Map<Integer, Integer>> registers = Map.of(
                FunctionCode.READ_INPUT_REGISTERS, Map.of(100, 0x0042),
                FunctionCode.READ_HOLDING_REGISTERS, Map.of(300, 13));

        assertEquals(List.of(new ReadRequest(180, FunctionCode.READ_HOLDING_REGISTERS, 300, 1),
                new ReadRequest(180, FunctionCode.READ_INPUT_REGISTERS, 100, 1)), requests(plan));
        assertEquals(Optional.of(new ReadRequest(180, FunctionCode.READ_COILS, 400, 1)), plan.coilRead());
        assertEquals(new RelayPlan.Signals(false, PlugState.B, OptionalInt.of(13)),
                plan.decode(answers(plan, registers), Optional.of(BitBlock.of(false))));
        assertEquals(Optional.empty(), catalog.relay("phoenix-em-cp-pp-eth").vehicleId());
    }

    @Test
    void phoenixEvCcEthReadsItsCardUidAsText() {
        RelayProfile profile = catalog.relay("phoenix-ev-cc-eth");
        RelayPlan plan = RelayPlan.of(profile, 255);
        Map<FunctionCode, Map<Integer, Integer>> registers = Map.of(
                FunctionCode.READ_INPUT_REGISTERS, Map.of(100, (int) 'C'),
                FunctionCode.READ_HOLDING_REGISTERS, Map.of(528, 32));
        VehicleIdBlock uid = profile.vehicleId().orElseThrow();
        // "04A224B2C35E80" as the controller holds it: ASCII, two characters per register, padded with NUL
        RegisterBlock words = RegisterBlock.of(0x3034, 0x4132, 0x3234, 0x4232, 0x4333, 0x3545, 0x3830, 0, 0, 0, 0, 0,
                0, 0, 0, 0);

        assertEquals(new RelayPlan.Signals(true, PlugState.C, OptionalInt.of(32)),
                plan.decode(answers(plan, registers), Optional.of(BitBlock.of(true))));
        assertEquals(new ReadRequest(255, FunctionCode.READ_HOLDING_REGISTERS, 606, 16), uid.read(255));
        assertEquals(Optional.of(new VehicleId("04A224B2C35E80")), uid.decode(words, 0));
    }

    @Test
    void unknownStatusReadsAsErrorAndAnAbsurdLimitIsRefused() {
        RelayPlan plan = RelayPlan.of(catalog.relay("pilegate-generic-relay"), 1);

        assertEquals(PlugState.F, plan.decode(answers(plan, Map.of(FunctionCode.READ_INPUT_REGISTERS,
                Map.of(1, 42))), Optional.empty()).plugState());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.decode(answers(plan,
                Map.of(FunctionCode.READ_HOLDING_REGISTERS, Map.of(0, 6553))), Optional.empty()));
        assertEquals("current-limit register holds 6553 A", e.getMessage());
    }
}
