package org.pilegate.opcua.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionId;

/**
 * One pile in the address space: the current value of each {@link PileVariable}, from which the pile's nodes are
 * made when a client asks for them ({@link PileNodeManager}), so a pile holds 22 values rather than 35 nodes and
 * their references. The values are set on the update lane and read on the server's threads; the other
 * mutable fields are touched on the update lane only, but for {@link #status}.
 */
final class PileView {

    /** Where a session's energy and time count from. */
    record SessionStart(SessionId id, long registerWh, Instant at) {
    }

    final PileController controller;
    /** The order piles were shown in, which the Piles folder lists them in. */
    final long order;
    /** When the pile was shown: the time of its constant values, the engineering units. */
    final DateTime shownAt = DateTime.now();
    private final AtomicReferenceArray<DataValue> values = new AtomicReferenceArray<>(PileVariable.values().length);
    private final BiConsumer<PileId, PileVariable> changed;
    Optional<String> meterId;
    AutoCloseable subscription = () -> { };
    AutoCloseable meterSubscription = () -> { };
    /** Volatile: method calls read it on the server's threads. */
    volatile PileStatus status;
    Optional<SessionStart> session = Optional.empty();

    /** @param changed told of each value that changed, for the monitored items on it */
    PileView(PileController controller, long order, Optional<String> meterId,
            BiConsumer<PileId, PileVariable> changed) {
        this.controller = controller;
        this.order = order;
        this.meterId = meterId;
        this.changed = changed;
        this.status = controller.status();
        for (int i = 0; i < values.length(); i++) {
            values.set(i, NodeFactory.WAITING);
        }
    }

    DataValue value(PileVariable variable) {
        return values.get(variable.ordinal());
    }

    /** Sets the value if it or its quality changed, and tells so. */
    void set(PileVariable variable, Variant value, StatusCode status, DateTime sourceTime) {
        NodeFactory.changed(value(variable), value, status, sourceTime).ifPresent(next -> {
            values.set(variable.ordinal(), next);
            changed.accept(controller.id(), variable);
        });
    }
}
