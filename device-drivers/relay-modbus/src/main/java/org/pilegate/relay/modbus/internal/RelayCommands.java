package org.pilegate.relay.modbus.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayCommand.CloseContactor;
import org.pilegate.api.relay.RelayCommand.OpenContactor;
import org.pilegate.api.relay.RelayCommand.SetCurrentLimit;
import org.pilegate.api.relay.RelayState;
import org.pilegate.device.profile.ContactorOutput;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;
import org.pilegate.modbus.WriteRequest;

/**
 * Carries out a relay's commands one at a time, each written and then read back until the controller shows it taken
 * or its settle time has passed. Every step continues in the relay's driver lane, so whoever waits for a command (the
 * pile) hears its outcome there and never on the transport's threads.
 */
final class RelayCommands {

    /** Pause between read-backs while a command settles. */
    private static final Duration READ_BACK_SPACING = Duration.ofMillis(50);

    private final ModbusManager modbus;
    private final DriverLane lane;
    private final RelayReader reader;
    private final Consumer<RelayState> readBack;
    private final Object lock = new Object();
    private CompletableFuture<RelayState> lastCommand = CompletableFuture.completedFuture(null); // guarded by lock
    private volatile boolean stopped;

    /** @param readBack hears every state read while a command settles */
    RelayCommands(ModbusManager modbus, DriverLane lane, RelayReader reader, Consumer<RelayState> readBack) {
        this.modbus = modbus;
        this.lane = lane;
        this.reader = reader;
        this.readBack = readBack;
    }

    /**
     * Queues {@code command} behind the others, to be carried out on the device in force when its turn comes.
     *
     * @return completes with the state that shows it taken; fails if it was not, or the relay stopped meanwhile
     */
    CompletionStage<RelayState> execute(RelayCommand command, Supplier<RelayDevice> device) {
        Objects.requireNonNull(command, "command");
        synchronized (lock) {
            // after the previous command, whatever its outcome
            CompletableFuture<RelayState> result = lastCommand.handle((state, error) -> null)
                    .thenCompose(previous -> carryOut(command, device.get()));
            lastCommand = result;
            // callers cannot complete it and so jump the queue
            return result.minimalCompletionStage();
        }
    }

    /** Commands still queued fail rather than switch a pile whose driver is gone. */
    void stop() {
        stopped = true;
    }

    private CompletableFuture<RelayState> carryOut(RelayCommand command, RelayDevice device) {
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                    + " is deactivated; " + command + " not carried out"));
        }
        if (command instanceof CloseContactor close) {
            return writeLimit(device, close.currentLimitA())
                    .thenCompose(written -> writeContactor(device, true))
                    .thenCompose(written -> readBack(device, command,
                            state -> state.contactorClosed() && state.currentLimitA() == close.currentLimitA(),
                            System.nanoTime()));
        }
        if (command instanceof OpenContactor) {
            return writeContactor(device, false)
                    .thenCompose(written -> readBack(device, command, state -> !state.contactorClosed(),
                            System.nanoTime()));
        }
        if (command instanceof SetCurrentLimit set) {
            if (device.settings().profile().currentLimit().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                        + " cannot take " + command + ": profile " + device.settings().profile().id()
                        + " has no current-limit register"));
            }
            return writeLimit(device, set.currentLimitA())
                    .thenCompose(written -> readBack(device, command,
                            state -> state.currentLimitA() == set.currentLimitA(), System.nanoTime()));
        }
        throw new IllegalArgumentException("unknown relay command " + command);
    }

    private CompletableFuture<Void> writeLimit(RelayDevice device, int limitA) {
        reader.commanded(limitA);
        Optional<RegisterPoint> limit = device.settings().profile().currentLimit();
        if (limit.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        RegisterBlock words;
        try {
            words = limit.get().fromUnits(limitA);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        int unitId = device.settings().unitId();
        int address = limit.get().address();
        return write(device, words.size() == 1 ? new WriteRegister(unitId, address, words.get(0))
                : new WriteRegisters(unitId, address, words));
    }

    private CompletableFuture<Void> writeContactor(RelayDevice device, boolean closed) {
        ContactorOutput contactor = device.settings().profile().contactor();
        int unitId = device.settings().unitId();
        return write(device, contactor.kind() == ContactorOutput.Kind.COIL
                ? new WriteCoil(unitId, contactor.address(), closed)
                : new WriteRegister(unitId, contactor.address(), closed ? contactor.onValue() : contactor.offValue()));
    }

    private CompletableFuture<Void> write(RelayDevice device, WriteRequest request) {
        return modbus.write(device.settings().endpoint(), request, lane).toCompletableFuture();
    }

    /** Reads the state back until it shows the command taken, or the settle time since {@code start} has passed. */
    private CompletableFuture<RelayState> readBack(RelayDevice device, RelayCommand command,
            Predicate<RelayState> taken, long start) {
        return reader.read(device).thenCompose(state -> {
            readBack.accept(state);
            if (taken.test(state)) {
                return CompletableFuture.completedFuture(state);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(device.settings().settle()) < 0) {
                // the lane's timer, not CompletableFuture's: on a small machine that starts a thread per delay
                CompletableFuture<Void> later = new CompletableFuture<>();
                try {
                    lane.schedule(() -> later.complete(null), READ_BACK_SPACING);
                } catch (RejectedExecutionException deactivated) {
                    later.completeExceptionally(deactivated);
                }
                return later.thenCompose(spaced -> readBack(device, command, taken, start));
            }
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                    + " did not take " + command + ": after " + waited.toMillis() + " ms it reads contactor "
                    + (state.contactorClosed() ? "closed" : "open") + ", current limit " + state.currentLimitA()
                    + " A"));
        });
    }
}
