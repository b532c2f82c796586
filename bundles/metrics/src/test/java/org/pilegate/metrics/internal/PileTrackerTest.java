package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.session.SessionId;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PileTrackerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakePileController pile = new FakePileController("bay-01", 0);

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void sessionFollowedAtOnceByTheNextIsOneFinishedAndOneStarted() throws Exception {
        try (PileTracker tracker = new PileTracker(pile, new MeterGroup(registry))) {
            pile.charging(new SessionId("s-1"), 7_000, 100);
            pile.charging(new SessionId("s-2"), 7_000, 300);

            assertEquals(2.0, count("pilegate.pile.sessions.started"));
            assertEquals(1.0, count("pilegate.pile.sessions.finished"));
            assertEquals(200.0, count("pilegate.pile.energy.delivered"));
        }
    }

    @Test
    void sessionRunningBeforeTrackingIsNotCountedAsStartedButItsEndIs() throws Exception {
        pile.charging(new SessionId("s-1"), 7_000, 100);
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
            pile.charging(new SessionId("s-1"), 7_000, 1_000);
            pile.charging(new SessionId("s-1"), 7_000, 20);
            pile.charging(new SessionId("s-1"), 7_000, 70);

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
