package org.pilegate.session.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.pile.PileController;

/** A pile controller for the session service's unit tests: its status is whatever the test sets. */
final class FakePile implements PileController {

    final List<ChargingInfo> charged = new CopyOnWriteArrayList<>();
    final List<Long> chargedFromWh = new CopyOnWriteArrayList<>();
    final List<String> finished = new CopyOnWriteArrayList<>();
    private final PileId id;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile PileStatus status;
    private volatile Optional<VehicleId> vehicle = Optional.empty();
    private volatile boolean refuseToCharge;

    FakePile(String id, long registerWh) {
        this.id = new PileId(id);
        this.status = new PileStatus(this.id, PileState.AVAILABLE, PlugState.A, false, 0, registerWh, 0,
                Optional.empty(), Optional.empty(), Instant.now());
    }

    void plug(Optional<VehicleId> plugged) {
        vehicle = plugged;
        publish(PileState.PLUGGED, PlugState.B, false, 0, status.energyWh(), Optional.empty());
    }

    void unplug() {
        vehicle = Optional.empty();
        publish(PileState.AVAILABLE, PlugState.A, false, 0, status.energyWh(), Optional.empty());
    }

    /** The operator took the pile out of service while the vehicle is still plugged in. */
    void takeOutOfService() {
        publish(PileState.UNAVAILABLE, status.plugState(), false, 0, status.energyWh(), Optional.empty());
    }

    /** The meter advanced while the vehicle draws {@code powerW}. */
    void deliver(long powerW, long registerWh) {
        publish(status.state(), status.plugState(), status.contactorClosed(), powerW, registerWh,
                status.activeSession());
    }

    /** Whether the session service follows this pile's status. */
    boolean followed() {
        return !listeners.isEmpty();
    }

    void refuseToCharge() {
        refuseToCharge = true;
    }

    PileState state() {
        return status.state();
    }

    @Override
    public PileId id() {
        return id;
    }

    @Override
    public PileStatus status() {
        return status;
    }

    @Override
    public boolean devicesSeen() {
        return true;
    }

    @Override
    public Optional<VehicleId> vehicle() {
        return vehicle;
    }

    @Override
    public int maxCurrentA() {
        return 32;
    }

    @Override
    public AutoCloseable subscribe(Consumer<PileStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void prompted() {
        if (status.state() == PileState.PLUGGED) {
            publish(PileState.PROMPTED, status.plugState(), false, 0, status.energyWh(), Optional.empty());
        }
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        if (refuseToCharge) {
            return CompletableFuture.failedFuture(new IllegalStateException("the relay did not close"));
        }
        charged.add(info);
        chargedFromWh.add(startRegisterWh);
        publish(PileState.CHARGING, PlugState.C, true, 0, status.energyWh(), Optional.of(info.sessionId()));
        return CompletableFuture.completedFuture(status);
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        finished.add(reason);
        publish(PileState.FINISHING, PlugState.B, false, status.powerW(), status.energyWh(), status.activeSession());
        return CompletableFuture.completedFuture(status);
    }

    private void publish(PileState state, PlugState plug, boolean closed, long powerW, long registerWh,
            Optional<SessionId> session) {
        status = new PileStatus(id, state, plug, closed, powerW, registerWh, closed ? 32 : 0, session,
                Optional.empty(), Instant.now());
        listeners.forEach(listener -> listener.accept(status));
    }
}
