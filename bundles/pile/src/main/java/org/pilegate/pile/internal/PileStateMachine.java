package org.pilegate.pile.internal;

import static org.pilegate.api.pile.PileState.AVAILABLE;
import static org.pilegate.api.pile.PileState.CHARGING;
import static org.pilegate.api.pile.PileState.FAULTED;
import static org.pilegate.api.pile.PileState.FINISHING;
import static org.pilegate.api.pile.PileState.PLUGGED;
import static org.pilegate.api.pile.PileState.PROMPTED;
import static org.pilegate.api.pile.PileState.SUSPENDED;
import static org.pilegate.api.pile.PileState.UNAVAILABLE;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.pile.PileState;

/**
 * The charging state machine of one pile, as an explicit table:
 * Available → Plugged → Prompted → Charging ⇄ Suspended → Finishing → Available; unplugging ends any session;
 * a fault leads to Faulted from any state but Unavailable, and recovery to what the plug shows (Finishing for a
 * session held through the fault). Anything not in the table is not a transition.
 */
final class PileStateMachine {

    private static final Map<PileState, Map<PileEvent, PileState>> TABLE = new EnumMap<>(PileState.class);

    static {
        on(AVAILABLE, PileEvent.VEHICLE_PLUGGED, PLUGGED);
        on(AVAILABLE, PileEvent.DISABLED, UNAVAILABLE);
        on(PLUGGED, PileEvent.PROMPTED, PROMPTED);
        on(PROMPTED, PileEvent.PROMPTED, PROMPTED);
        on(PROMPTED, PileEvent.CHARGING_AUTHORIZED, CHARGING);
        on(CHARGING, PileEvent.POWER_STOPPED, SUSPENDED);
        on(SUSPENDED, PileEvent.POWER_RESUMED, CHARGING);
        for (PileState running : new PileState[] {PROMPTED, CHARGING, SUSPENDED}) {
            on(running, PileEvent.SESSION_ENDING, FINISHING);
        }
        for (PileState plugged : new PileState[] {PLUGGED, PROMPTED, CHARGING, SUSPENDED, FINISHING}) {
            on(plugged, PileEvent.VEHICLE_UNPLUGGED, AVAILABLE);
        }
        for (PileState state : PileState.values()) {
            if (state != UNAVAILABLE) {
                on(state, PileEvent.FAULT, FAULTED);
            }
        }
        on(FAULTED, PileEvent.RECOVERED_EMPTY, AVAILABLE);
        on(FAULTED, PileEvent.RECOVERED_PLUGGED, PLUGGED);
        on(FAULTED, PileEvent.RECOVERED_FINISHING, FINISHING);
        on(FAULTED, PileEvent.DISABLED, UNAVAILABLE);
        on(PLUGGED, PileEvent.DISABLED, UNAVAILABLE);
        on(UNAVAILABLE, PileEvent.ENABLED, AVAILABLE);
    }

    private PileStateMachine() {
    }

    private static void on(PileState from, PileEvent event, PileState to) {
        TABLE.computeIfAbsent(from, state -> new EnumMap<>(PileEvent.class)).put(event, to);
    }

    /** The state {@code event} leads to from {@code current}, or empty if the event does not apply there. */
    static Optional<PileState> next(PileState current, PileEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(current, Map.of()).get(event));
    }
}
