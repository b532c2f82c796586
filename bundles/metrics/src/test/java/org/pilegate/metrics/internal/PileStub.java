package org.pilegate.metrics.internal;

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

/** A pile whose status the test sets; it publishes each status to its subscribers as a controller would. */
final class PileStub implements PileController {

    private final PileId id;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile PileStatus status;
    private volatile boolean devicesSeen = true;

    PileStub(String id) {
        this.id = new PileId(id);
        status = status(PileState.AVAILABLE, 0, 0, Optional.empty(), Optional.empty());
    }

    /** Publishes a new status. */
    void publish(PileState state, long powerW, long energyWh, Optional<String> session, Optional<String> fault) {
        status = status(state, powerW, energyWh, session, fault);
        listeners.forEach(listener -> listener.accept(status));
    }

    void devicesSeen(boolean seen) {
        devicesSeen = seen;
    }

    int subscribers() {
        return listeners.size();
    }

    private PileStatus status(PileState state, long powerW, long energyWh, Optional<String> session,
            Optional<String> fault) {
        return new PileStatus(id, state, session.isPresent() ? PlugState.C : PlugState.A,
                powerW > 0, powerW, energyWh, powerW > 0 ? 16 : 0, session.map(SessionId::new), fault,
                Instant.now());
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
        return devicesSeen;
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

    @Override
    public void prompted() {
        throw new UnsupportedOperationException("not a charging test");
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        throw new UnsupportedOperationException("not a charging test");
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        throw new UnsupportedOperationException("not a charging test");
    }
}
