package org.pilegate.itests.bench;

import java.util.OptionalLong;

/**
 * When each step of one charging session happened, in {@link System#nanoTime()} of this process or, for the plug
 * and the relay's sightings, of the simulated depot's (the same clock on Linux); 0 while not yet. Written by the
 * pile's {@link Driver} holding its lock, read once the session is over.
 */
final class SessionTimes {

    long plugged;
    /** The relay first answered the gateway's poll with the vehicle: the floor of (A). */
    long vehicleSeen;
    long prompted;
    long bound;
    /** The reference (B): a bare close and read-back of the contactor just before the request; -1 if it failed. */
    long contactorRoundTrip;
    long requested;
    long charging;
    long stopRequested;
    long finished;
    long feeNotice;
    long paid;
    long unplugged;
    /** The relay first answered the gateway's poll without the vehicle. */
    long vehicleLeft;
    /** The step at which the session was given up, or null. */
    String abandonedAt;

    boolean complete() {
        return abandonedAt == null && paid != 0 && vehicleLeft != 0;
    }

    /** (A): plug → association prompt at the terminal. */
    OptionalLong promptDelay() {
        return prompted != 0 && plugged != 0 ? OptionalLong.of(prompted - plugged) : OptionalLong.empty();
    }

    OptionalLong detectionDelay() {
        return vehicleSeen != 0 && plugged != 0 ? OptionalLong.of(vehicleSeen - plugged) : OptionalLong.empty();
    }

    /** (B): charging request → CHARGING status at the terminal. */
    OptionalLong chargingDelay() {
        return charging != 0 && requested != 0 ? OptionalLong.of(charging - requested) : OptionalLong.empty();
    }

    OptionalLong contactorReference() {
        return contactorRoundTrip > 0 ? OptionalLong.of(contactorRoundTrip) : OptionalLong.empty();
    }

    /** The first step not reached, for sessions that stall. */
    String nextStep() {
        if (plugged == 0) {
            return "plug";
        } else if (prompted == 0) {
            return "association_prompt";
        } else if (bound == 0) {
            return "association (PENDING)";
        } else if (requested == 0) {
            return "charging_request";
        } else if (charging == 0) {
            return "CHARGING";
        } else if (stopRequested == 0) {
            return "stop_request";
        } else if (finished == 0) {
            return "FINISHED";
        } else if (feeNotice == 0) {
            return "fee_notice";
        } else if (paid == 0) {
            return "PAID";
        }
        return "unplug seen";
    }
}
