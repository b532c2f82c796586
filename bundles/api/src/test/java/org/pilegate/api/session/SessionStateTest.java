package org.pilegate.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionStateTest {

    @Test
    void followsTheDocumentedLifecycle() {
        assertEquals(EnumSet.of(SessionState.CHARGING, SessionState.FINISHED, SessionState.FAILED),
                successors(SessionState.PENDING));
        assertEquals(EnumSet.of(SessionState.SUSPENDED, SessionState.FINISHED, SessionState.FAILED),
                successors(SessionState.CHARGING));
        assertEquals(EnumSet.of(SessionState.CHARGING, SessionState.FINISHED, SessionState.FAILED),
                successors(SessionState.SUSPENDED));
        assertEquals(EnumSet.of(SessionState.PAID), successors(SessionState.FINISHED));
        assertEquals(EnumSet.noneOf(SessionState.class), successors(SessionState.PAID));
        assertEquals(EnumSet.noneOf(SessionState.class), successors(SessionState.FAILED));
    }

    @Test
    void endedStatesAreThoseAfterDelivery() {
        Set<SessionState> ended = EnumSet.noneOf(SessionState.class);
        for (SessionState state : SessionState.values()) {
            if (state.hasEnded()) {
                ended.add(state);
            }
        }
        assertEquals(EnumSet.of(SessionState.FINISHED, SessionState.PAID, SessionState.FAILED), ended);
    }

    private static Set<SessionState> successors(SessionState from) {
        Set<SessionState> next = EnumSet.noneOf(SessionState.class);
        for (SessionState to : SessionState.values()) {
            if (from.canMoveTo(to)) {
                next.add(to);
            }
        }
        return next;
    }
}
