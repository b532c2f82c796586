package org.pilegate.api.relay;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A pile's contactor relay with its plug detection, as the gateway sees it, whatever the controller behind it.
 * Drivers register one service per configured relay, with the relay's id in the service property
 * {@value #ID_PROPERTY}; the service lives in this bundle so that a driver bundle can be replaced without
 * restarting its users.
 */
public interface Relay {

    String ID_PROPERTY = "pilegate.relay.id";

    /** The configured relay id, e.g. "bay-07.relay". */
    String id();

    /** The newest state read from the controller; empty before the first answer. */
    Optional<RelayState> latest();

    /** Whether the controller answered its last poll; a silent controller's state is not to be trusted. */
    boolean responsive();

    /**
     * Carries out {@code command} and reads the controller back to verify it.
     *
     * @return completes with the verified state, or exceptionally when the controller did not answer or did not
     *         take the command (its state read back differs)
     */
    CompletionStage<RelayState> execute(RelayCommand command);

    /**
     * Calls {@code listener} with every state read, on a driver thread; the listener must not block.
     *
     * @return closing it ends the subscription
     */
    AutoCloseable subscribe(Consumer<RelayState> listener);
}
