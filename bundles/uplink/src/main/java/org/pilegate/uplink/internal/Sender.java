package org.pilegate.uplink.internal;

import java.util.Optional;
import java.util.function.Consumer;

/** Hands records to the cluster: the Kafka producer, or a test's double. */
interface Sender extends AutoCloseable {

    /**
     * Queues the event for sending; {@code done} is called once, from the sender's own thread, with empty once the
     * broker acknowledged it or with why it was not.
     *
     * @throws RuntimeException when the event cannot even be queued (no metadata from the cluster in time)
     */
    void send(OutboxEvent event, Consumer<Optional<Exception>> done);

    @Override
    void close();
}
