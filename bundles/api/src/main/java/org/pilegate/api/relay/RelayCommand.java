package org.pilegate.api.relay;

/**
 * A command from the pile controller to a pile's relay driver. Closed set, so drivers switch over
 * it exhaustively. Current limits are what the control pilot PWM offers the vehicle, in A.
 */
public sealed interface RelayCommand {

    /** Highest current limit accepted, in A; well above any AC pile, it only rejects garbage. */
    int MAX_CURRENT_A = 1000;

    /**
     * Checks a current limit in A against 0..{@value #MAX_CURRENT_A} and returns it.
     *
     * @throws IllegalArgumentException when out of range
     */
    static int checkCurrentLimitA(int currentLimitA) {
        if (currentLimitA < 0 || currentLimitA > MAX_CURRENT_A) {
            throw new IllegalArgumentException(
                    "current limit must be 0.." + MAX_CURRENT_A + " A: " + currentLimitA);
        }
        return currentLimitA;
    }

    /** Close the contactor and offer {@code currentLimitA} to the vehicle. */
    record CloseContactor(int currentLimitA) implements RelayCommand {
        public CloseContactor {
            checkCurrentLimitA(currentLimitA);
        }
    }

    /** Open the contactor; the connector goes dead. */
    record OpenContactor() implements RelayCommand {
    }

    /** Change the current offered without switching the contactor; 0 A pauses charging. */
    record SetCurrentLimit(int currentLimitA) implements RelayCommand {
        public SetCurrentLimit {
            checkCurrentLimitA(currentLimitA);
        }
    }
}
