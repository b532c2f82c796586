package org.pilegate.pile.internal;

/** What can happen to a pile; the pile controller turns device readings and dialogue steps into these. */
enum PileEvent {
    /** The control pilot reports a vehicle (state B, C or D). */
    VEHICLE_PLUGGED,
    /** The charging and association prompts went out to a terminal. */
    PROMPTED,
    /** The server side decided the charging info and the contactor closed. */
    CHARGING_AUTHORIZED,
    /** Energy stopped flowing while the contactor stays closed (vehicle paused, 0 A limit). */
    POWER_STOPPED,
    /** Energy flows again. */
    POWER_RESUMED,
    /** The session ends while plugged in: target energy or budget reached, vehicle full, terminal stop. */
    SESSION_ENDING,
    /** The vehicle was unplugged. */
    VEHICLE_UNPLUGGED,
    /** Control-pilot error, failed contactor command, or devices that stopped answering. */
    FAULT,
    /** The fault cleared and no vehicle is plugged in. */
    RECOVERED_EMPTY,
    /** The fault cleared with a vehicle still plugged in. */
    RECOVERED_PLUGGED,
    /** The fault cleared with a vehicle plugged in whose session the pile held through it: the session finishes. */
    RECOVERED_FINISHING,
    /** The operator took the pile out of service. */
    DISABLED,
    /** The operator put the pile back in service. */
    ENABLED
}
