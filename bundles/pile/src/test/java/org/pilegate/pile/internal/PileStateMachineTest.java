package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pilegate.api.pile.PileState;

class PileStateMachineTest {

    @Test
    void aWholeSessionWalksTheHappyPath() {
        List<PileEvent> events = List.of(PileEvent.VEHICLE_PLUGGED, PileEvent.PROMPTED, PileEvent.CHARGING_AUTHORIZED,
                PileEvent.POWER_STOPPED, PileEvent.POWER_RESUMED, PileEvent.SESSION_ENDING,
                PileEvent.VEHICLE_UNPLUGGED);
        List<PileState> expected = List.of(PileState.PLUGGED, PileState.PROMPTED, PileState.CHARGING,
                PileState.SUSPENDED, PileState.CHARGING, PileState.FINISHING, PileState.AVAILABLE);

        PileState state = PileState.AVAILABLE;
        for (int i = 0; i < events.size(); i++) {
            state = PileStateMachine.next(state, events.get(i)).orElseThrow();
            assertEquals(expected.get(i), state, "after " + events.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PileState.class, names = {"PLUGGED", "PROMPTED", "CHARGING", "SUSPENDED", "FINISHING"})
    void unpluggingEndsEveryPluggedState(PileState plugged) {
        assertEquals(Optional.of(PileState.AVAILABLE), PileStateMachine.next(plugged, PileEvent.VEHICLE_UNPLUGGED));
    }

    @ParameterizedTest
    @EnumSource(value = PileState.class, mode = EnumSource.Mode.EXCLUDE, names = "UNAVAILABLE")
    void aFaultIsReachedFromEveryServingState(PileState state) {
        assertEquals(Optional.of(PileState.FAULTED), PileStateMachine.next(state, PileEvent.FAULT));
    }

    @Test
    void recoveryReturnsToWhatThePlugShows() {
        assertEquals(Optional.of(PileState.AVAILABLE),
                PileStateMachine.next(PileState.FAULTED, PileEvent.RECOVERED_EMPTY));
        assertEquals(Optional.of(PileState.PLUGGED),
                PileStateMachine.next(PileState.FAULTED, PileEvent.RECOVERED_PLUGGED));
    }

    @Test
    void chargingCannotStartWithoutAPrompt() {
        assertTrue(PileStateMachine.next(PileState.PLUGGED, PileEvent.CHARGING_AUTHORIZED).isEmpty());
        assertTrue(PileStateMachine.next(PileState.AVAILABLE, PileEvent.CHARGING_AUTHORIZED).isEmpty());
    }

    @Test
    void aPileInUseCannotBeDisabledUnderTheDriver() {
        for (PileState busy : List.of(PileState.PROMPTED, PileState.CHARGING, PileState.SUSPENDED,
                PileState.FINISHING)) {
            assertTrue(PileStateMachine.next(busy, PileEvent.DISABLED).isEmpty(), busy.name());
        }
        assertEquals(Optional.of(PileState.AVAILABLE),
                PileStateMachine.next(PileState.UNAVAILABLE, PileEvent.ENABLED));
    }
}
