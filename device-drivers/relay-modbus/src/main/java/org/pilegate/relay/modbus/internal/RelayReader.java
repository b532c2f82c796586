package org.pilegate.relay.modbus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.RegisterBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a pile controller's state: its signals in the plan's requests, then the plugged-in vehicle's id. Every answer
 * completes in the relay's driver lane, so decoding never runs on the transport's threads. A poll reads in full only
 * every {@link RelaySettings#fullReadInterval()}; in between it reads the plug and the contactor, and takes the
 * current limit and a vehicle id it already knows from what was read last: at depot scale the polls are most of the
 * gateway's Modbus traffic, and these values change only by a command or a new vehicle.
 */
final class RelayReader {

    private static final Logger LOG = LoggerFactory.getLogger(RelayReader.class);

    private final ModbusManager modbus;
    private final DriverLane lane;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AtomicBoolean vehicleIdTrouble = new AtomicBoolean();
    // what was last offered, for controllers without a current-limit register to read it from
    private volatile int commandedLimitA;
    // what the last full read of which device found, and when (nanoTime): the values a poll in between reports
    private volatile RelayDevice fullyRead;
    private volatile long fullyReadAt;
    private volatile OptionalInt limitRead = OptionalInt.empty();
    // the plugged-in vehicle's id, once read; forgotten when the plug state no longer shows a vehicle
    private volatile Optional<VehicleId> knownVehicle = Optional.empty();

    /** @param nanoTime monotonic time, for the interval of full reads */
    RelayReader(ModbusManager modbus, DriverLane lane, Clock clock, LongSupplier nanoTime) {
        this.modbus = modbus;
        this.lane = lane;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** The current just written, reported as the limit by a controller that has no register to read it from. */
    void commanded(int limitA) {
        commandedLimitA = limitA;
    }

    /** The controller's state read in full (current limit and vehicle id too), stamped with when it was asked for. */
    CompletableFuture<RelayState> read(RelayDevice device) {
        long started = nanoTime.getAsLong();
        return read(device, device.plan(), true).thenApply(state -> {
            fullyRead = device;
            fullyReadAt = started;
            return state;
        });
    }

    /** The controller's state as a poll reads it: in full if the device's full read interval has passed. */
    CompletableFuture<RelayState> poll(RelayDevice device) {
        boolean due = fullyRead != device
                || nanoTime.getAsLong() - fullyReadAt >= device.settings().fullReadInterval().toNanos();
        return due ? read(device) : read(device, device.signals(), false);
    }

    private CompletableFuture<RelayState> read(RelayDevice device, RelayPlan plan, boolean full) {
        Instant requested = clock.instant();
        ModbusEndpoint endpoint = device.settings().endpoint();
        List<CompletableFuture<RegisterBlock>> registers = new ArrayList<>(plan.registerReads().size());
        plan.registerReads().forEach(read -> registers.add(modbus.read(endpoint, read.request(), lane)
                .toCompletableFuture()));
        Optional<CompletableFuture<BitBlock>> coil = plan.coilRead()
                .map(read -> modbus.readBits(endpoint, read, lane).toCompletableFuture());
        List<CompletableFuture<?>> all = new ArrayList<>(registers);
        coil.ifPresent(all::add);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(done -> plan.decode(registers.stream().map(CompletableFuture::join).toList(),
                        coil.map(CompletableFuture::join)))
                .thenCompose(signals -> vehicleId(device, signals.plugState().vehiclePresent(), full)
                        .thenApply(vehicle -> new RelayState(signals.contactorClosed(), signals.plugState(), vehicle,
                                limit(signals, full), requested)));
    }

    private int limit(RelayPlan.Signals signals, boolean full) {
        if (full) {
            limitRead = signals.currentLimitA();
        }
        return limitRead.orElse(commandedLimitA);
    }

    /**
     * The plugged-in vehicle's id; a controller that holds garbage there, or refuses the block, reports none. Read
     * until one is found (a reader may take a moment after the plug), then again only in a full read.
     */
    private CompletableFuture<Optional<VehicleId>> vehicleId(RelayDevice device, boolean vehiclePresent,
            boolean full) {
        Optional<VehicleIdBlock> block = device.settings().profile().vehicleId();
        if (!vehiclePresent || block.isEmpty()) {
            knownVehicle = Optional.empty();
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (!full && knownVehicle.isPresent()) {
            return CompletableFuture.completedFuture(knownVehicle);
        }
        return modbus.read(device.settings().endpoint(), block.get().read(device.settings().unitId()), lane)
                .toCompletableFuture()
                .thenApply(words -> {
                    Optional<VehicleId> vehicle = block.get().decode(words, 0);
                    vehicleIdTrouble.set(false);
                    knownVehicle = vehicle;
                    return vehicle;
                })
                .exceptionally(error -> {
                    Throwable cause = cause(error);
                    if (!(cause instanceof IllegalArgumentException || hasNoSuchBlock(cause))) {
                        // unreachable, or busy for now (e.g. exception 4): the whole read fails and the next poll
                        // asks again, rather than a vehicle that is there taken for one that cannot be identified
                        throw new CompletionException(cause);
                    }
                    if (vehicleIdTrouble.compareAndSet(false, true)) {
                        LOG.warn("Relay {} holds no usable vehicle id ({}); reporting none", device.settings().id(),
                                cause.getMessage());
                    }
                    return Optional.empty();
                });
    }

    /** The controller says for good that it has no such block: it answers the same however often asked. */
    private static boolean hasNoSuchBlock(Throwable cause) {
        return cause instanceof ModbusSlaveException refused
                && (refused.exceptionCode() == ModbusSlaveException.ILLEGAL_FUNCTION
                        || refused.exceptionCode() == ModbusSlaveException.ILLEGAL_DATA_ADDRESS);
    }

    /** What went wrong, without the wrapping of a stage. */
    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
