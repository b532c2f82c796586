package org.pilegate.sim.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.ContactorOutput;
import org.pilegate.device.profile.InvalidProfileException;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterBlock;

/**
 * A pile's controller, serving the points of its profile. Writable: the contactor (coil or holding register) and
 * the current limit, if the profile keeps it in a holding register. A write must cover whole points, or it is
 * refused with illegal data address; a value the relay does not take is refused with illegal data value.
 */
final class SimulatedRelay extends SimulatedDevice {

    private final RelayProfile profile;
    private final Optional<RegisterPoint> writableLimit;
    private volatile PlugWatch watch = PlugWatch.NONE;

    SimulatedRelay(Pile pile, RelayProfile profile, RegisterMap map) {
        super(pile, map);
        this.profile = profile;
        this.writableLimit = profile.currentLimit()
                .filter(point -> point.function() == FunctionCode.READ_HOLDING_REGISTERS);
    }

    /** @throws InvalidProfileException if points overlap or the relay could not report what the pile does */
    static RegisterMap registerMap(RelayProfile profile) {
        for (PlugState reported : new PlugState[] {PlugState.A, PlugState.B, PlugState.C}) {
            if (!profile.plugStates().containsValue(reported)) {
                throw new InvalidProfileException(profile.id(), "plugStates: no value stands for " + reported);
            }
        }
        ContactorOutput contactor = profile.contactor();
        if (contactor.onValue() < 0 || contactor.onValue() > 0xFFFF || contactor.offValue() < 0
                || contactor.offValue() > 0xFFFF) {
            throw new InvalidProfileException(profile.id(), "contactor: on and off values must be 0..65535");
        }
        RegisterMap.Builder map = RegisterMap.builder(profile.id())
                .map(contactorTable(contactor), contactor.address(), 1, "contactor");
        profile.contactorFeedback().ifPresent(point -> map(map, point, "contactorFeedback"));
        map(map, profile.plugState(), "plugState");
        profile.vehicleId().ifPresent(block -> map.map(Table.of(block.function()), block.address(),
                block.registers(), "vehicleId"));
        profile.currentLimit().ifPresent(point -> map(map, point, "currentLimit"));
        return map.build();
    }

    void watch(PlugWatch plugWatch) {
        watch = plugWatch;
    }

    /** @throws IllegalArgumentException if the relay's profile cannot hold {@code vehicle} */
    void checkReportable(VehicleId vehicle) {
        profile.vehicleId().ifPresent(block -> block.encode(Optional.of(vehicle)));
    }

    @Override
    protected void render(RegisterImage target) {
        ContactorOutput contactor = profile.contactor();
        boolean closed = pile.contactorClosed();
        if (contactor.kind() == ContactorOutput.Kind.COIL) {
            target.putBit(Table.COILS, contactor.address(), closed);
        } else {
            target.put(Table.HOLDING_REGISTERS, contactor.address(),
                    RegisterBlock.of(closed ? contactor.onValue() : contactor.offValue()));
        }
        profile.contactorFeedback().ifPresent(point -> put(target, point, closed ? 1 : 0));
        put(target, profile.plugState(), profile.rawOf(pile.plugState()));
        profile.vehicleId().ifPresent(block -> target.put(Table.of(block.function()), block.address(),
                block.encode(pile.vehicleId())));
        profile.currentLimit().ifPresent(point -> put(target, point, pile.currentLimitA()));
    }

    @Override
    public int[] readRegisters(Table table, int address, int count) {
        PlugWatch told = watch;
        if (told == PlugWatch.NONE) {
            return super.readRegisters(table, address, count);
        }
        int[] answer;
        boolean vehiclePresent;
        synchronized (pile) {
            answer = super.readRegisters(table, address, count);
            vehiclePresent = pile.plugState().vehiclePresent();
        }
        if (covers(table, address, count, vehiclePresent)) {
            told.relayAnswered(pile.index(), vehiclePresent);
        }
        return answer;
    }

    /** Whether a read answers what a poller needs to see the plug: the vehicle's id while one is there. */
    private boolean covers(Table table, int address, int count, boolean vehiclePresent) {
        if (vehiclePresent && profile.vehicleId().isPresent()) {
            VehicleIdBlock block = profile.vehicleId().get();
            return Table.of(block.function()) == table && address < block.address() + block.registers()
                    && block.address() < address + count;
        }
        RegisterPoint plugState = profile.plugState();
        return Table.of(plugState.function()) == table && address < plugState.address() + plugState.type().words()
                && plugState.address() < address + count;
    }

    @Override
    public void writeCoils(int address, boolean[] values) {
        ContactorOutput contactor = profile.contactor();
        if (contactor.kind() != ContactorOutput.Kind.COIL || address != contactor.address() || values.length != 1) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        pile.switchContactor(values[0]);
    }

    @Override
    public void writeRegisters(int address, int[] values) {
        int end = address + values.length;
        ContactorOutput contactor = profile.contactor();
        boolean writesContactor = contactor.kind() == ContactorOutput.Kind.HOLDING_REGISTER
                && contactor.address() >= address && contactor.address() < end;
        Optional<RegisterPoint> limit = writableLimit
                .filter(point -> point.address() >= address && point.address() + point.type().words() <= end);
        // points do not overlap, so the write touches nothing else exactly when the covered counts add up
        if ((writesContactor ? 1 : 0) + limit.map(point -> point.type().words()).orElse(0) != values.length) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        Optional<Boolean> closing = writesContactor
                ? Optional.of(contactorValue(contactor, values[contactor.address() - address]))
                : Optional.empty();
        OptionalInt amps = limit.isPresent() ? OptionalInt.of(amps(limit.get(), values, address)) : OptionalInt.empty();
        synchronized (pile) {
            closing.ifPresent(pile::switchContactor);
            amps.ifPresent(pile::limitCurrent);
        }
    }

    private static boolean contactorValue(ContactorOutput contactor, int value) {
        if (value != contactor.onValue() && value != contactor.offValue()) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return value == contactor.onValue();
    }

    private static int amps(RegisterPoint point, int[] values, int address) {
        int offset = point.address() - address;
        RegisterBlock block = RegisterBlock.of(Arrays.copyOfRange(values, offset, offset + point.type().words()));
        long amps;
        try {
            amps = point.toUnits(block, 0);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (amps < 0 || amps > Pile.MAX_CURRENT_LIMIT_A) {
            throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        return (int) amps;
    }

    private static Table contactorTable(ContactorOutput contactor) {
        return contactor.kind() == ContactorOutput.Kind.COIL ? Table.COILS : Table.HOLDING_REGISTERS;
    }

    private static void map(RegisterMap.Builder map, RegisterPoint point, String what) {
        map.map(Table.of(point.function()), point.address(), point.type().words(), what);
    }

    private static void put(RegisterImage target, RegisterPoint point, long units) {
        target.put(Table.of(point.function()), point.address(), point.fromUnits(units));
    }
}
