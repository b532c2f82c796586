package org.pilegate.uplink.internal;

import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Kafka loads classes by name (login modules, its metrics reporter) through the thread's context class loader: while
 * a client is made, that is this bundle's, which embeds the client.
 */
final class KafkaClients {

    private KafkaClients() {
    }

    static <T> T made(Supplier<T> client) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaProducer.class.getClassLoader());
        try {
            return client.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
