package org.pilegate.pile;

import java.util.function.Consumer;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;

/**
 * One pile as the gateway runs it: its state machine fed by its meter and relay. Registered as a service with the
 * pile's id in {@value #ID_PROPERTY}.
 */
public interface PileController {

    String ID_PROPERTY = "pilegate.pile.id";

    PileId id();

    /** The pile as last seen. */
    PileStatus status();

    /**
     * Calls {@code listener} with the status after every change of state, plug, contactor, power or fault; on the
     * controller's thread, so the listener must not block.
     *
     * @return closing it ends the subscription
     */
    AutoCloseable subscribe(Consumer<PileStatus> listener);
}
