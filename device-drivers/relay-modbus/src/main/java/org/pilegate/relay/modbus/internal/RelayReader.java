package org.pilegate.relay.modbus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * completes in the relay's driver lane, so decoding never runs on the transport's threads.
 */
final class RelayReader {

    private static final Logger LOG = LoggerFactory.getLogger(RelayReader.class);

    private final ModbusManager modbus;
    private final DriverLane lane;
    private final Clock clock;
    private final AtomicBoolean vehicleIdTrouble = new AtomicBoolean();
    // what was last offered, for controllers without a current-limit register to read it from
    private volatile int commandedLimitA;

    RelayReader(ModbusManager modbus, DriverLane lane, Clock clock) {
        this.modbus = modbus;
        this.lane = lane;
        this.clock = clock;
    }

    /** The current just written, reported as the limit by a controller that has no register to read it from. */
    void commanded(int limitA) {
        commandedLimitA = limitA;
    }

    /** The controller's state, stamped with the time it was asked for. */
    CompletableFuture<RelayState> read(RelayDevice device) {
        Instant requested = clock.instant();
        ModbusEndpoint endpoint = device.settings().endpoint();
        RelayPlan plan = device.plan();
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
                .thenCompose(signals -> vehicleId(device, signals.plugState().vehiclePresent())
                        .thenApply(vehicle -> new RelayState(signals.contactorClosed(), signals.plugState(), vehicle,
                                signals.currentLimitA().orElse(commandedLimitA), requested)));
    }

    /** The plugged-in vehicle's id; a controller that holds garbage there, or refuses the block, reports none. */
    private CompletableFuture<Optional<VehicleId>> vehicleId(RelayDevice device, boolean vehiclePresent) {
        Optional<VehicleIdBlock> block = device.settings().profile().vehicleId();
        if (!vehiclePresent || block.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return modbus.read(device.settings().endpoint(), block.get().read(device.settings().unitId()), lane)
                .toCompletableFuture()
                .thenApply(words -> {
                    Optional<VehicleId> vehicle = block.get().decode(words, 0);
                    vehicleIdTrouble.set(false);
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
