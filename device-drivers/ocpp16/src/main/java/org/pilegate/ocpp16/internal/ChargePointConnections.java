package org.pilegate.ocpp16.internal;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

import org.pilegate.api.work.GatewayThreads;
import org.pilegate.ocpp16.internal.rpc.FrameCodec;
import org.pilegate.ocpp16.internal.rpc.OcppSchemas;
import org.pilegate.ocpp16.internal.rpc.RefusalBudget;
import org.pilegate.ocpp16.internal.rpc.RpcEndpoint;
import org.pilegate.ocpp16.internal.rpc.RpcErrorCode;
import org.pilegate.ocpp16.internal.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.ServerWebSocket;

/** Joins an upgraded WebSocket to its charge point: frames to its RPC endpoint, CALLs to the handlers. */
final class ChargePointConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ChargePointConnections.class);

    private final FrameCodec codec;
    private final OcppSchemas schemas;
    private final Map<String, CallHandler> handlers;
    private final GatewayThreads threads;
    private final Supplier<OcppSetup> setup;
    private final Clock clock;

    ChargePointConnections(FrameCodec codec, OcppSchemas schemas, Map<String, CallHandler> handlers,
            GatewayThreads threads, Supplier<OcppSetup> setup, Clock clock) {
        this.codec = codec;
        this.schemas = schemas;
        this.handlers = Map.copyOf(handlers);
        this.threads = threads;
        this.setup = setup;
        this.clock = clock;
    }

    void accept(ChargePointLink link, ServerWebSocket socket) {
        if (!OcppHandshake.SUBPROTOCOL.equals(socket.subProtocol())) {
            LOG.error("Charge point {}: the HTTP server agreed on no {} subprotocol; add it to webSocketSubProtocols"
                    + " of org.pilegate.routing", link.id(), OcppHandshake.SUBPROTOCOL);
            socket.close((short) 1002, "no ocpp1.6 subprotocol");
            return;
        }
        RpcEndpoint endpoint = new RpcEndpoint(link.id().value(), codec, schemas, new RpcEndpoint.Transport() {
            @Override
            public void send(String text) {
                if (!socket.isClosed()) {
                    socket.writeTextMessage(text);
                }
            }

            @Override
            public void close(short status, String reason) {
                if (!socket.isClosed()) {
                    socket.close(status, reason);
                }
            }
        }, (action, payload) -> {
            CallHandler handler = handlers.get(action);
            if (handler == null) {
                throw new RpcException(RpcErrorCode.NotSupported, "the central system does not take " + action);
            }
            return CompletableFuture.completedFuture(handler.handle(link, payload));
        }, threads, setup.get().callTimeout(), new RefusalBudget(setup.get().maxRefusedPerMinute(), clock));
        socket.textMessageHandler(text -> {
            link.seen(clock.instant());
            endpoint.receive(text);
        });
        socket.binaryMessageHandler(binary -> socket.close((short) 1003, "OCPP-J frames are text"));
        socket.closeHandler(closed -> {
            endpoint.closed();
            link.disconnected(endpoint);
            LOG.info("Charge point {} disconnected", link.id());
        });
        link.connected(endpoint).ifPresent(previous -> previous.close("replaced by a new connection"));
        link.seen(clock.instant());
        LOG.info("Charge point {} connected from {}", link.id(), socket.remoteAddress());
    }
}
