package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.store.internal.StoreDatabases;

/**
 * The outbox service is offered to the store only while the uplink is enabled: disabled (the default), the store
 * finds none and writes sessions and fees on its plain path, without the outbox's transaction and row lock.
 */
class UplinkComponentTest {

    private final SharedThreads threads = new SharedThreads(1);
    /** What the component has offered to the store and not withdrawn, oldest first. */
    private final List<UplinkOutbox> offered = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void disabledByDefaultItOffersTheStoreNoOutbox() {
        UplinkComponent uplink = uplink(Fixtures.config(Map.of()));

        assertEquals(List.of(), offered);
        assertEquals(Optional.empty(), uplink.recording());
        assertEquals(false, uplink.backlog().enabled());
    }

    @Test
    void enabledItOffersOneOutboxAndWithdrawsItWhenDisabledOrStopped() {
        UplinkComponent uplink = uplink(Fixtures.config(Map.of()));

        uplink.modified(Fixtures.enabled("127.0.0.1:9", Map.of()));
        assertEquals(1, offered.size());
        assertSame(uplink.recording().orElseThrow(), offered.get(0));

        uplink.modified(Fixtures.config(Map.of()));
        assertEquals(List.of(), offered, "disabled: withdrawn");

        uplink.modified(Fixtures.enabled("127.0.0.1:9", Map.of()));
        uplink.deactivate();
        assertEquals(List.of(), offered, "stopped: withdrawn");
    }

    @Test
    void changedSettingsOfferTheNewOutboxBeforeTheOldIsWithdrawn() {
        UplinkComponent uplink = uplink(Fixtures.enabled("127.0.0.1:9", Map.of()));
        UplinkOutbox first = offered.get(0);

        uplink.modified(Fixtures.enabled("127.0.0.1:10", Map.of("siteId", "depot-south")));

        assertEquals(List.of("offered", "offered", "withdrawn"), changes, "never a moment without an outbox");
        assertEquals(1, offered.size());
        assertTrue(offered.get(0) != first);
    }

    private UplinkComponent uplink(UplinkConfig config) {
        return new UplinkComponent(StoreDatabases.h2(), threads, Clock.systemUTC(), UplinkSettings.of(config),
                new IdleSender(), outbox -> {
                    offered.add(outbox);
                    changes.add("offered");
                    return () -> {
                        offered.remove(outbox);
                        changes.add("withdrawn");
                    };
                });
    }

    /** A sender that never gets to send: the tests look at the outbox's offer only. */
    private static final class IdleSender implements Sender {

        @Override
        public void send(OutboxEvent event, Consumer<Optional<Exception>> done) {
            done.accept(Optional.of(new IllegalStateException("no broker in this test")));
        }

        @Override
        public void close() {
        }
    }
}
