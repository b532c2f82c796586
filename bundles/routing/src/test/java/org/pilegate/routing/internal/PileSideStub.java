package org.pilegate.routing.internal;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalRequestHandler;

/** A session service for tests, answering requests and new connections as told. */
record PileSideStub(BiFunction<TerminalId, TerminalInbound, List<TerminalOutbound>> onRequest,
        Function<TerminalId, List<TerminalOutbound>> onConnect) implements TerminalRequestHandler {

    static PileSideStub answering(BiFunction<TerminalId, TerminalInbound, List<TerminalOutbound>> onRequest) {
        return new PileSideStub(onRequest, terminal -> List.of());
    }

    /** Answers on another thread, as the session service does once the pile's lane got to the request. */
    @Override
    public CompletionStage<List<TerminalOutbound>> handle(TerminalId terminal, TerminalInbound request) {
        return CompletableFuture.supplyAsync(() -> onRequest.apply(terminal, request));
    }

    @Override
    public CompletionStage<List<TerminalOutbound>> connected(TerminalId terminal) {
        return CompletableFuture.supplyAsync(() -> onConnect.apply(terminal));
    }

    /** What DS does for the route's dynamic reference. */
    static void bind(TerminalInboundRoute route, TerminalRequestHandler pileSide) {
        try {
            Field field = TerminalInboundRoute.class.getDeclaredField("server");
            field.setAccessible(true);
            field.set(route, pileSide);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
