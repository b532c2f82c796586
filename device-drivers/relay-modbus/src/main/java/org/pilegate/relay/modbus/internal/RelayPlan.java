package org.pilegate.relay.modbus.internal;

import java.util.ArrayList;
import java.util.List;
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
 * the controller reports the contactor through nothing else, and where each value sits in the answers, found once
 * here rather than on every poll. A full plan includes the current limit; a plan of the signals alone leaves it out,
 * for the polls in between: only a command changes it.
 */
final class RelayPlan {

    /** What one read of the controller says, before the vehicle id. */
    record Signals(boolean contactorClosed, PlugState plugState, OptionalInt currentLimitA) {
    }

    private final RelayProfile profile;
    private final int unitId;
    private final List<MergedRead> registerReads;
    private final Optional<ReadRequest> coilRead;
    private final Located plugState;
    private final Optional<Located> contactorFeedback;
    private final Optional<Located> contactorWord;
    private final Optional<Located> currentLimit;

    /** Where a value sits: in the answer to {@code registerReads().get(read)}, from word {@code offset} on. */
    private record Located(int read, int offset) {
    }

    private RelayPlan(RelayProfile profile, int unitId, boolean withLimit) {
        this.profile = profile;
        this.unitId = unitId;
        List<ReadRequest> reads = new ArrayList<>();
        reads.add(profile.plugState().read(unitId));
        profile.contactorFeedback().ifPresent(feedback -> reads.add(feedback.read(unitId)));
        contactorRegister().ifPresent(reads::add);
        Optional<RegisterPoint> limitPoint = profile.currentLimit().filter(limit -> withLimit);
        limitPoint.ifPresent(limit -> reads.add(limit.read(unitId)));
        // controllers are PLCs that often refuse reads of unmapped addresses, so only adjacent values are merged
        this.registerReads = RequestMerger.merge(reads, 0);
        this.coilRead = profile.contactorFeedback().isEmpty() && profile.contactor().kind() == ContactorOutput.Kind.COIL
                ? Optional.of(new ReadRequest(unitId, FunctionCode.READ_COILS, profile.contactor().address(), 1))
                : Optional.empty();
        this.plugState = locate(profile.plugState().read(unitId));
        this.contactorFeedback = profile.contactorFeedback().map(feedback -> locate(feedback.read(unitId)));
        this.contactorWord = contactorRegister().map(this::locate);
        this.currentLimit = limitPoint.map(limit -> locate(limit.read(unitId)));
    }

    private Located locate(ReadRequest request) {
        for (int i = 0; i < registerReads.size(); i++) {
            if (registerReads.get(i).parts().contains(request)) {
                return new Located(i, registerReads.get(i).offsetOf(request));
            }
        }
        throw new IllegalStateException(request + " is in none of the merged reads " + registerReads);
    }

    static RelayPlan of(RelayProfile profile, int unitId) {
        return new RelayPlan(profile, unitId, true);
    }

    /** The plug and the contactor alone: the current limit is read as empty. */
    static RelayPlan signalsOf(RelayProfile profile, int unitId) {
        return new RelayPlan(profile, unitId, false);
    }

    List<MergedRead> registerReads() {
        return registerReads;
    }

    /** The contactor coil, read back when no feedback register reports the contactor. */
    Optional<ReadRequest> coilRead() {
        return coilRead;
    }

    /**
     * The signals in the answers to {@link #registerReads()}, in their order, and, if there is one, the coil.
     *
     * @throws IllegalArgumentException if a value cannot be what the profile says it is, e.g. a current limit of
     *             6553 A
     */
    Signals decode(List<RegisterBlock> registers, Optional<BitBlock> coil) {
        PlugState plug = profile.plugStateOf(units(profile.plugState(), plugState, registers));
        OptionalInt limit = OptionalInt.empty();
        if (currentLimit.isPresent()) {
            long limitA = units(profile.currentLimit().get(), currentLimit.get(), registers);
            try {
                limit = OptionalInt.of(RelayCommand.checkCurrentLimitA(Math.toIntExact(limitA)));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("current-limit register holds " + limitA + " A", e);
            }
        }
        return new Signals(contactorClosed(registers, coil), plug, limit);
    }

    private boolean contactorClosed(List<RegisterBlock> registers, Optional<BitBlock> coil) {
        if (contactorFeedback.isPresent()) {
            return units(profile.contactorFeedback().get(), contactorFeedback.get(), registers) != 0;
        }
        if (contactorWord.isPresent()) {
            Located word = contactorWord.get();
            return registers.get(word.read()).get(word.offset()) == profile.contactor().onValue();
        }
        return coil.orElseThrow(() -> new IllegalArgumentException("no answer for the contactor coil")).get(0);
    }

    private static long units(RegisterPoint point, Located at, List<RegisterBlock> registers) {
        return point.toUnits(registers.get(at.read()), at.offset());
    }

    /** The contactor's own holding register, read back when no feedback register reports the contactor. */
    private Optional<ReadRequest> contactorRegister() {
        ContactorOutput contactor = profile.contactor();
        return profile.contactorFeedback().isEmpty() && contactor.kind() == ContactorOutput.Kind.HOLDING_REGISTER
                ? Optional.of(new ReadRequest(unitId, FunctionCode.READ_HOLDING_REGISTERS, contactor.address(), 1))
                : Optional.empty();
    }
}
