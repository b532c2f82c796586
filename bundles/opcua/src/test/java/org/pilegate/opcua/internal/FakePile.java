package org.pilegate.opcua.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

/** A pile controller whose status the test sets; it pushes each one to its subscribers as the real one does. */
final class FakePile implements PileController {

    private final PileId id;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile PileStatus status;

    FakePile(String id) {
        this.id = new PileId(id);
        this.status = new PileStatus(this.id, PileState.AVAILABLE, PlugState.A, false, 0, 1_000, 0,
                Optional.empty(), Optional.empty(), Instant.now());
    }

    /** The pile charging a session with its register at {@code energyWh}. */
    void charging(SessionId session, long energyWh, long powerW) {
        emit(new PileStatus(id, PileState.CHARGING, PlugState.C, true, powerW, energyWh, 16, Optional.of(session),
                Optional.empty(), Instant.now()));
    }

    void faulted(String fault) {
        emit(new PileStatus(id, PileState.FAULTED, PlugState.E, false, 0, status.energyWh(), 0, Optional.empty(),
                Optional.of(fault), Instant.now()));
    }

    private void emit(PileStatus next) {
        status = next;
        listeners.forEach(listener -> listener.accept(next));
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
        return Optional.empty();
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

    boolean subscribed() {
        return !listeners.isEmpty();
    }

    @Override
    public void prompted() {
        throw new UnsupportedOperationException("not used by the OPC UA server");
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        throw new UnsupportedOperationException("not used by the OPC UA server");
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        throw new UnsupportedOperationException("not used by the OPC UA server");
    }
}
