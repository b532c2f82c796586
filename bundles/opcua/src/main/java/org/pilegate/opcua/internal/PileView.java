package org.pilegate.opcua.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionId;

/** One pile in the address space; its mutable fields are touched on the update lane only, but for {@link #status}. */
final class PileView {

    /** Where a session's energy and time count from. */
    record SessionStart(SessionId id, long registerWh, Instant at) {
    }

    final PileController controller;
    final UaObjectNode object;
    final Map<PileVariable, UaVariableNode> nodes = new EnumMap<>(PileVariable.class);
    Optional<String> meterId;
    AutoCloseable subscription = () -> { };
    AutoCloseable meterSubscription = () -> { };
    /** Volatile: method calls read it on the server's threads. */
    volatile PileStatus status;
    Optional<SessionStart> session = Optional.empty();

    PileView(PileController controller, UaObjectNode object, Optional<String> meterId) {
        this.controller = controller;
        this.object = object;
        this.meterId = meterId;
        this.status = controller.status();
    }

    UaVariableNode node(PileVariable variable) {
        return nodes.get(variable);
    }
}
