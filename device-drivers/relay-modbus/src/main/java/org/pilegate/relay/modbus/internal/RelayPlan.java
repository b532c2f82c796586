package org.pilegate.relay.modbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.device.profile.ContactorOutput;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.RequestMerger;

/**
 * How a relay's state is read: its registers in as few requests as adjacency allows, plus the contactor coil when
 * the controller reports the contactor through nothing else, and where each value sits in the answers.
 */
final class RelayPlan {

    /** What one read of the controller says, before the vehicle id. */
    record Signals(boolean contactorClosed, PlugState plugState, OptionalInt currentLimitA) {
    }

    private final RelayProfile profile;
    private final int unitId;
    private final List<MergedRead> registerReads;
    private final Optional<ReadRequest> coilRead;

    private RelayPlan(RelayProfile profile, int unitId) {
        this.profile = profile;
        this.unitId = unitId;
        List<ReadRequest> reads = new ArrayList<>();
        reads.add(profile.plugState().read(unitId));
        profile.contactorFeedback().ifPresent(feedback -> reads.add(feedback.read(unitId)));
        contactorRegister().ifPresent(reads::add);
        profile.currentLimit().ifPresent(limit -> reads.add(limit.read(unitId)));
        // controllers are PLCs that often refuse reads of unmapped addresses, so only adjacent values are merged
        this.registerReads = RequestMerger.merge(reads, 0);
        this.coilRead = profile.contactorFeedback().isEmpty() && profile.contactor().kind() == ContactorOutput.Kind.COIL
                ? Optional.of(new ReadRequest(unitId, FunctionCode.READ_COILS, profile.contactor().address(), 1))
                : Optional.empty();
    }

    static RelayPlan of(RelayProfile profile, int unitId) {
        return new RelayPlan(profile, unitId);
    }

    List<MergedRead> registerReads() {
        return registerReads;
    }

    /** The contactor coil, read back when no feedback register reports the contactor. */
    Optional<ReadRequest> coilRead() {
        return coilRead;
    }

    /**
     * The signals in one answer per request of {@link #registerReads()} and, if there is one, the coil.
     *
     * @throws IllegalArgumentException if a value cannot be what the profile says it is, e.g. a current limit of
     *             6553 A
     */
    Signals decode(Map<MergedRead, RegisterBlock> registers, Optional<BitBlock> coil) {
        PlugState plugState = profile.plugStateOf(units(profile.plugState(), registers));
        OptionalInt limit = OptionalInt.empty();
        if (profile.currentLimit().isPresent()) {
            long limitA = units(profile.currentLimit().get(), registers);
            try {
                limit = OptionalInt.of(RelayCommand.checkCurrentLimitA(Math.toIntExact(limitA)));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("current-limit register holds " + limitA + " A", e);
            }
        }
        return new Signals(contactorClosed(registers, coil), plugState, limit);
    }

    private boolean contactorClosed(Map<MergedRead, RegisterBlock> registers, Optional<BitBlock> coil) {
        if (profile.contactorFeedback().isPresent()) {
            return units(profile.contactorFeedback().get(), registers) != 0;
        }
        Optional<ReadRequest> register = contactorRegister();
        if (register.isPresent()) {
            return word(register.get(), registers) == profile.contactor().onValue();
        }
        return coil.orElseThrow(() -> new IllegalArgumentException("no answer for the contactor coil")).get(0);
    }

    /** The contactor's own holding register, read back when no feedback register reports the contactor. */
    private Optional<ReadRequest> contactorRegister() {
        ContactorOutput contactor = profile.contactor();
        return profile.contactorFeedback().isEmpty() && contactor.kind() == ContactorOutput.Kind.HOLDING_REGISTER
                ? Optional.of(new ReadRequest(unitId, FunctionCode.READ_HOLDING_REGISTERS, contactor.address(), 1))
                : Optional.empty();
    }

    private long units(RegisterPoint point, Map<MergedRead, RegisterBlock> registers) {
        ReadRequest request = point.read(unitId);
        MergedRead read = readOf(request);
        return point.toUnits(registers.get(read), read.offsetOf(request));
    }

    private int word(ReadRequest request, Map<MergedRead, RegisterBlock> registers) {
        MergedRead read = readOf(request);
        return registers.get(read).get(read.offsetOf(request));
    }

    private MergedRead readOf(ReadRequest request) {
        return registerReads.stream().filter(read -> read.parts().contains(request)).findFirst().orElseThrow();
    }
}
