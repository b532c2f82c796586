package org.pilegate.ocpp16.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.work.GatewayThreads;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A connector's contactor as the pile controller commands it: closing it starts a transaction
 * (RemoteStartTransaction with a TxProfile at the current offered), opening it stops the transaction
 * (RemoteStopTransaction; asked again, or the transaction released, when refused: {@link RemoteStop}), a new limit
 * is a new TxProfile (SetChargingProfile). A command is done when the charge point reported what it was for: the
 * StartTransaction or StopTransaction that follows the remote one.
 */
final class ConnectorRelay implements Relay {

    private final String id;
    private final Connector connector;
    private final ChargePointLink link;
    private final CentralSystemCalls calls;
    private final GatewayThreads threads;
    private final Supplier<OcppSetup> setup;
    private final IntConsumer takenOver;
    private final RemoteStop remoteStop;

    /** Records that a transaction's session ended at {@code registerWh} while its charge point could not be told. */
    @FunctionalInterface
    interface Release {
        void release(int transactionId, long registerWh);
    }

    /**
     * @param takenOver told of a transaction the charge point started on its own that the pile's session charges
     * @param release told of a transaction whose session ended while the charge point could not be told to stop
     * @param stopBackoff how often and how soon a refused RemoteStopTransaction is asked again
     */
    ConnectorRelay(Connector connector, ChargePointLink link, CentralSystemCalls calls, GatewayThreads threads,
            Supplier<OcppSetup> setup, IntConsumer takenOver, Release release, RemoteStop.Backoff stopBackoff) {
        this.id = connector.pile().value() + ".relay";
        this.connector = connector;
        this.link = link;
        this.calls = calls;
        this.threads = threads;
        this.setup = setup;
        this.takenOver = takenOver;
        this.remoteStop = new RemoteStop(connector, link, threads, release, stopBackoff);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<RelayState> latest() {
        return connector.heardRelayState();
    }

    @Override
    public boolean responsive() {
        return link.isConnected();
    }

    @Override
    public AutoCloseable subscribe(Consumer<RelayState> listener) {
        return connector.onRelay(listener);
    }

    @Override
    public CompletionStage<RelayState> execute(RelayCommand command) {
        if (command instanceof RelayCommand.CloseContactor close) {
            return start(close.currentLimitA());
        }
        if (command instanceof RelayCommand.SetCurrentLimit limit) {
            return limit(limit.currentLimitA());
        }
        return stop();
    }

    private CompletionStage<RelayState> start(int currentA) {
        Optional<Integer> running = connector.transaction();
        if (running.isPresent()) {
            // the session bills the transaction from now on, not the transaction itself
            takenOver.accept(running.get());
            connector.stopWanted(false);
            if (!link.isConnected()) {
                // a session resuming after a restart while its charge point is still away: the transaction runs on
                // in the charge point, so the session takes it over now; an open sent for a close that failed here
                // would end the driver's transaction instead. The charge point gets its limit once it is back.
                connector.limit(currentA);
                return CompletableFuture.completedFuture(connector.relayState());
            }
            return limit(currentA);
        }
        Optional<String> stopped = connector.stopSincePlugIn();
        if (stopped.isPresent()) {
            // e.g. stopped at the charger while the gateway was down: the session resuming after the restart ends
            return CompletableFuture.failedFuture(new Refusal(ErrorCode.CHARGE_POINT_REFUSED, link.id() + ": "
                    + stopped.get() + "; charging again takes a new plug-in"));
        }
        connector.limit(currentA);
        connector.startRequested(true);
        CompletableFuture<RelayState> started = await(RelayState::contactorClosed, "StartTransaction");
        ObjectNode request = calls.remoteStart(connector.connectorId(), connector.idTag(), currentA, rate());
        return accepted(link.call("RemoteStartTransaction", request), "RemoteStartTransaction")
                .thenCompose(ignored -> started)
                .whenComplete((state, failure) -> {
                    if (failure != null) {
                        connector.startRequested(false);
                    }
                });
    }

    private CompletionStage<RelayState> stop() {
        return remoteStop.stop(transaction -> {
            CompletableFuture<RelayState> stopped = await(state -> !state.contactorClosed(), "StopTransaction");
            return accepted(link.call("RemoteStopTransaction", calls.remoteStop(transaction)),
                    "RemoteStopTransaction").thenCompose(ignored -> stopped)
                    .whenComplete((state, failure) -> stopped.cancel(false));
        });
    }

    private CompletionStage<RelayState> limit(int currentA) {
        Optional<Integer> transaction = connector.transaction();
        if (transaction.isEmpty()) {
            connector.limit(currentA);
            return CompletableFuture.completedFuture(connector.relayState());
        }
        ObjectNode request = calls.txProfile(connector.connectorId(), transaction.get(), currentA, rate());
        return accepted(link.call("SetChargingProfile", request), "SetChargingProfile").thenApply(ignored -> {
            connector.limit(currentA);
            connector.publish();
            return connector.relayState();
        });
    }

    private ChargingRate rate() {
        return setup.get().rate(link.onlyPower());
    }

    /** Fails unless the charge point answered {@code status: Accepted}. */
    private CompletionStage<ObjectNode> accepted(CompletionStage<ObjectNode> answer, String action) {
        return answer.thenApply(payload -> {
            String status = payload.path("status").asText();
            if (!"Accepted".equals(status)) {
                throw new Refusal(ErrorCode.CHARGE_POINT_REFUSED, link.id() + " answered " + action + " with "
                        + status);
            }
            return payload;
        });
    }

    /** The first state the connector publishes that {@code done} holds for, within the timeout. */
    private CompletableFuture<RelayState> await(Predicate<RelayState> done, String expected) {
        CompletableFuture<RelayState> reached = new CompletableFuture<>();
        AutoCloseable subscription = connector.onRelay(state -> {
            if (done.test(state)) {
                reached.complete(state);
            }
        });
        Duration within = setup.get().callTimeout();
        GatewayThreads.Scheduled deadline = threads.after(within, () -> reached.completeExceptionally(
                new Refusal(ErrorCode.CHARGE_POINT_REFUSED, link.id() + " sent no " + expected + " for connector "
                        + connector.connectorId() + " within " + within.toSeconds() + " s")));
        reached.whenComplete((state, failure) -> {
            deadline.cancel();
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return reached;
    }
}
