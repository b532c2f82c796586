package org.pilegate.api.pile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.pilegate.api.relay.PlugState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * A pile controller for the unit tests of what follows piles: its status is whatever the test sets, pushed to the
 * subscribers as the real controller does, and the charge and finish commands it receives are recorded.
 */
public final class FakePileController implements PileController {

    private static final int MAX_CURRENT_A = 32;

    private final PileId id;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<ChargingInfo> charged = new CopyOnWriteArrayList<>();
    private final List<Long> chargedFromWh = new CopyOnWriteArrayList<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private volatile PileStatus status;
    private volatile Optional<VehicleId> vehicle = Optional.empty();
    private volatile boolean devicesSeen = true;
    private volatile boolean refuseToCharge;
    private volatile CompletableFuture<Void> relayClosing = CompletableFuture.completedFuture(null);

    /** An available pile whose meter register stands at {@code registerWh}. */
    public FakePileController(String id, long registerWh) {
        this.id = new PileId(id);
        this.status = new PileStatus(this.id, PileState.AVAILABLE, PlugState.A, false, 0, registerWh, 0,
                Optional.empty(), Optional.empty(), Instant.now());
    }

    /** A vehicle plugged in, identifying itself if {@code plugged} is present. */
    public void plug(Optional<VehicleId> plugged) {
        vehicle = plugged;
        publish(PileState.PLUGGED, PlugState.B, false, 0, status.energyWh(), Optional.empty(), Optional.empty());
    }

    public void unplug() {
        vehicle = Optional.empty();
        publish(PileState.AVAILABLE, PlugState.A, false, 0, status.energyWh(), Optional.empty(), Optional.empty());
    }

    /** The operator took the pile out of service while the vehicle is still plugged in. */
    public void takeOutOfService() {
        publish(PileState.UNAVAILABLE, status.plugState(), false, 0, status.energyWh(), Optional.empty(),
                Optional.empty());
    }

    /** The meter advanced while the vehicle draws {@code powerW}; state, plug and session stay. */
    public void deliver(long powerW, long registerWh) {
        publish(status.state(), status.plugState(), status.contactorClosed(), powerW, registerWh,
                status.activeSession(), Optional.empty());
    }

    /** The pile charging {@code session} at {@code powerW} with its register at {@code registerWh}. */
    public void charging(SessionId session, long powerW, long registerWh) {
        publish(PileState.CHARGING, PlugState.C, true, powerW, registerWh, Optional.of(session), Optional.empty());
    }

    /** The relay now shows the contactor {@code closed}; state, power, register and session stay. */
    public void contactor(boolean closed) {
        publish(status.state(), status.plugState(), closed, status.powerW(), status.energyWh(),
                status.activeSession(), Optional.empty());
    }

    /**
     * The finishing pile lets go of its session, as the real one does once its relay showed the contactor open and
     * a meter reading asked for after that came, with {@code registerWh}.
     */
    public void settled(long registerWh) {
        publish(PileState.FINISHING, status.plugState(), false, 0, registerWh, Optional.empty(), Optional.empty());
    }

    /** The pile failed with {@code fault}; its contactor opened and its session is gone. */
    public void fault(String fault) {
        publish(PileState.FAULTED, PlugState.E, false, 0, status.energyWh(), Optional.empty(), Optional.of(fault));
    }

    /**
     * The pile faulted with {@code fault} while it still holds its session, as the real one does until its relay shows
     * the contactor open and its meter is read after that: plug, contactor, power, register and session stay.
     */
    public void faultHolding(String fault) {
        publish(PileState.FAULTED, status.plugState(), status.contactorClosed(), status.powerW(), status.energyWh(),
                status.activeSession(), Optional.of(fault));
    }

    /** Any status: the plug and contactor follow from the state and session as on a real pile. */
    public void publish(PileState state, long powerW, long registerWh, Optional<SessionId> session,
            Optional<String> fault) {
        PlugState plug = session.isPresent() ? PlugState.C : fault.isPresent() ? PlugState.E : PlugState.A;
        publish(state, plug, state == PileState.CHARGING, powerW, registerWh, session, fault);
    }

    /** A status published earlier reaching the subscribers only now, as a queued one does; the pile's stays. */
    public void publishLate(PileStatus earlier) {
        listeners.forEach(listener -> listener.accept(earlier));
    }

    public void devicesSeen(boolean seen) {
        devicesSeen = seen;
    }

    /** From now on the relay takes its time to close for {@link #charge}: until {@link #closeRelay()}. */
    public void holdRelay() {
        relayClosing = new CompletableFuture<>();
    }

    /** The relay held by {@link #holdRelay()} closes now. */
    public void closeRelay() {
        relayClosing.complete(null);
    }

    /** From now on the relay does not close for {@link #charge}. */
    public void refuseToCharge() {
        refuseToCharge = true;
    }

    public PileState state() {
        return status.state();
    }

    /** How many listeners follow this pile's status now. */
    public int subscribers() {
        return listeners.size();
    }

    public boolean followed() {
        return subscribers() > 0;
    }

    /** The sessions the pile was told to charge for, in order. */
    public List<ChargingInfo> charged() {
        return List.copyOf(charged);
    }

    /** The start registers of the sessions in {@link #charged()}. */
    public List<Long> chargedFromWh() {
        return List.copyOf(chargedFromWh);
    }

    /** The reasons the pile was told to finish, in order. */
    public List<String> finished() {
        return List.copyOf(finished);
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
        return vehicle;
    }

    @Override
    public int maxCurrentA() {
        return MAX_CURRENT_A;
    }

    @Override
    public AutoCloseable subscribe(Consumer<PileStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void prompted() {
        if (status.state() == PileState.PLUGGED) {
            publish(PileState.PROMPTED, status.plugState(), false, 0, status.energyWh(), Optional.empty(),
                    Optional.empty());
        }
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        if (refuseToCharge) {
            return CompletableFuture.failedFuture(new IllegalStateException("the relay did not close"));
        }
        charged.add(info);
        chargedFromWh.add(startRegisterWh);
        return relayClosing.thenApply(closed -> {
            publish(PileState.CHARGING, PlugState.C, true, 0, status.energyWh(), Optional.of(info.sessionId()),
                    Optional.empty());
            return status;
        });
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        finished.add(reason);
        publish(PileState.FINISHING, PlugState.B, false, status.powerW(), status.energyWh(), status.activeSession(),
                Optional.empty());
        return CompletableFuture.completedFuture(status);
    }

    private void publish(PileState state, PlugState plug, boolean closed, long powerW, long registerWh,
            Optional<SessionId> session, Optional<String> fault) {
        PileStatus next = new PileStatus(id, state, plug, closed, powerW, registerWh, closed ? MAX_CURRENT_A : 0,
                session, fault, Instant.now());
        status = next;
        listeners.forEach(listener -> listener.accept(next));
    }
}
