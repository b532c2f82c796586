package org.pilegate.api.relay;

/**
 * Control pilot state of the connector as defined by IEC 61851-1.
 */
public enum PlugState {
    /** No vehicle connected (+12 V on the pilot). */
    A,
    /** Vehicle connected, not ready to charge (+9 V). */
    B,
    /** Vehicle connected and requesting charge (+6 V). */
    C,
    /** Vehicle requesting charge with ventilation required (+3 V). */
    D,
    /** Error: pilot shorted to earth or no supply (0 V). */
    E,
    /** Error: the pile itself is not available (-12 V). */
    F;

    /**
     * Whether a vehicle is known to be plugged in. False in E and F, where the pilot voltage
     * cannot tell whether a vehicle is present.
     */
    public boolean vehiclePresent() {
        return this == B || this == C || this == D;
    }

    /** Whether the vehicle asks for the contactor to close. */
    public boolean chargingRequested() {
        return this == C || this == D;
    }
}
