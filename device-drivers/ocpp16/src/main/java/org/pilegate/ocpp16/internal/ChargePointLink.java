package org.pilegate.ocpp16.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.ocpp16.internal.rpc.RpcEndpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A registered charge point and its connectors, whether connected or not: the connection it holds now, if any, and
 * what it said last. Its connectors' piles outlive connections, so a charge point that reconnects finds them as it
 * left them.
 */
final class ChargePointLink {

    private static final Duration PUBLISH_EVERY = Duration.ofSeconds(1);

    private final ChargePointId id;
    private final List<Connector> connectors;
    private final GatewayThreads threads;
    private volatile RpcEndpoint endpoint;
    private volatile Instant lastSeen;
    private volatile Optional<String> unplacedTag = Optional.empty();
    private volatile boolean onlyPower;
    private GatewayThreads.Scheduled publishing; // guarded by this

    ChargePointLink(ChargePointId id, List<Connector> connectors, GatewayThreads threads) {
        this.id = id;
        this.connectors = List.copyOf(connectors);
        this.threads = threads;
    }

    ChargePointId id() {
        return id;
    }

    List<Connector> connectors() {
        return connectors;
    }

    Optional<Connector> connector(int connectorId) {
        return connectorId >= 1 && connectorId <= connectors.size() ? Optional.of(connectors.get(connectorId - 1))
                : Optional.empty();
    }

    Optional<Connector> connectorOfTransaction(int transactionId) {
        return connectors.stream().filter(c -> c.transaction().equals(Optional.of(transactionId))).findFirst();
    }

    /** A new connection: one it held before is replaced. */
    synchronized Optional<RpcEndpoint> connected(RpcEndpoint connection) {
        RpcEndpoint previous = endpoint;
        endpoint = connection;
        connectors.forEach(c -> c.online(true));
        if (publishing == null) {
            publishing = threads.every(PUBLISH_EVERY, PUBLISH_EVERY, () -> connectors.forEach(Connector::publish));
        }
        return Optional.ofNullable(previous);
    }

    /**
     * The connection ended; a newer one that replaced it stays. Publishing goes on for the transactions the charge
     * point carries on while it is away (see {@link Connector#publish()}).
     */
    synchronized void disconnected(RpcEndpoint connection) {
        if (endpoint != connection) {
            return;
        }
        endpoint = null;
        connectors.forEach(c -> c.online(false));
    }

    /** Whether the charge point takes charging limits in W only, as its configuration said last. */
    boolean onlyPower() {
        return onlyPower;
    }

    void onlyPower(boolean watts) {
        onlyPower = watts;
    }

    boolean isConnected() {
        return endpoint != null;
    }

    void seen(Instant at) {
        lastSeen = at;
    }

    Optional<Instant> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /** A CALL to the charge point over the connection it holds now. */
    CompletionStage<ObjectNode> call(String action, ObjectNode payload) {
        RpcEndpoint current = endpoint;
        if (current == null) {
            return CompletableFuture.failedFuture(new Refusal(ErrorCode.CHARGE_POINT_OFFLINE,
                    "charge point " + id + " is not connected"));
        }
        return current.call(action, payload);
    }

    /**
     * An idTag the charge point authorized; Authorize names no connector, so it goes to the connector waiting for
     * one, or to the next that starts waiting.
     */
    void authorized(String idTag) {
        Optional<Connector> waiting = connectors.stream().filter(Connector::waitingForIdentification).findFirst();
        if (waiting.isPresent()) {
            waiting.get().onIdTag(idTag);
            unplacedTag = Optional.empty();
        } else {
            unplacedTag = Optional.of(idTag);
        }
    }

    /** The idTag authorized before any connector waited for one, handed to {@code connector} once. */
    void placeAuthorizedTag(Connector connector) {
        Optional<String> tag = unplacedTag;
        if (tag.isPresent() && connector.waitingForIdentification()) {
            unplacedTag = Optional.empty();
            connector.onIdTag(tag.get());
        }
    }

    /** Closes the connection, if any, e.g. when the charge point is unregistered; its connectors go silent at once. */
    void close(String reason) {
        RpcEndpoint current = endpoint;
        if (current != null) {
            current.close(reason);
            disconnected(current);
        }
        synchronized (this) {
            if (publishing != null) {
                publishing.cancel();
                publishing = null;
            }
        }
    }
}
