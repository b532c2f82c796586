package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileState;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PileTrackerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PileStub pile = new PileStub("bay-01");

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void sessionFollowedAtOnceByTheNextIsOneFinishedAndOneStarted() throws Exception {
        try (PileTracker tracker = new PileTracker(pile, new MeterGroup(registry))) {
            pile.publish(PileState.CHARGING, 7_000, 100, Optional.of("s-1"), Optional.empty());
            pile.publish(PileState.CHARGING, 7_000, 300, Optional.of("s-2"), Optional.empty());

            assertEquals(2.0, count("pilegate.pile.sessions.started"));
            assertEquals(1.0, count("pilegate.pile.sessions.finished"));
            assertEquals(200.0, count("pilegate.pile.energy.delivered"));
        }
    }

    @Test
    void sessionRunningBeforeTrackingIsNotCountedAsStartedButItsEndIs() throws Exception {
        pile.publish(PileState.CHARGING, 7_000, 100, Optional.of("s-1"), Optional.empty());
        try (PileTracker tracker = new PileTracker(pile, new MeterGroup(registry))) {
            pile.publish(PileState.AVAILABLE, 0, 150, Optional.empty(), Optional.empty());

            assertEquals(0.0, count("pilegate.pile.sessions.started"));
            assertEquals(1.0, count("pilegate.pile.sessions.finished"));
            assertEquals(50.0, count("pilegate.pile.energy.delivered"));
        }
    }

    @Test
    void energyOutsideSessionsAndARegisterThatWentBackAreNotDelivered() throws Exception {
        try (PileTracker tracker = new PileTracker(pile, new MeterGroup(registry))) {
            pile.publish(PileState.AVAILABLE, 0, 1_000, Optional.empty(), Optional.empty());
            pile.publish(PileState.CHARGING, 7_000, 1_000, Optional.of("s-1"), Optional.empty());
            pile.publish(PileState.CHARGING, 7_000, 20, Optional.of("s-1"), Optional.empty());
            pile.publish(PileState.CHARGING, 7_000, 70, Optional.of("s-1"), Optional.empty());

            assertEquals(50.0, count("pilegate.pile.energy.delivered"));
        }
    }

    @Test
    void closingUnsubscribesAndRemovesThePilesMeters() throws Exception {
        new PileTracker(pile, new MeterGroup(registry)).close();

        assertEquals(0, pile.subscribers());
        assertEquals(0, registry.getMeters().size());
    }

    private double count(String name) {
        return registry.get(name).tag("pile", "bay-01").counter().count();
    }
}
