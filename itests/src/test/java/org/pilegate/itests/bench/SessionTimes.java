package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * When each step of one charging session happened, in {@link System#nanoTime()} of this process or, for the plug
 * and the relay's sightings, of the simulated depot's (the same clock on Linux); 0 while not yet. Written by the
 * pile's {@link Driver} holding its lock, read once the session is over.
 */
final class SessionTimes {

    private static final String[] STEPS = {"plugged", "vehicleSeen", "prompted", "bound", "requested", "charging",
        "stopRequested", "finished", "feeNotice", "paid", "unplugged", "vehicleLeft"};

    String pile;
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

    /**
     * Writes one line per session: its pile, each step in ms since the first plug of all, the reference round trip
     * in ms, and where it was given up; steps not reached stay empty. For plotting a run over time.
     */
    static void writeCsv(Path file, List<SessionTimes> sessions) throws IOException {
        long origin = sessions.stream().mapToLong(times -> times.plugged).filter(at -> at != 0).min().orElse(0);
        // to set the file against the gateway's logs
        DepotBenchmark.log(file.getFileName() + " counts from " + Instant.now().minusNanos(System.nanoTime() - origin));
        StringBuilder out = new StringBuilder("pile," + String.join(",", STEPS) + ",contactorRoundTrip,abandonedAt\n");
        for (SessionTimes times : sessions) {
            long[] steps = {times.plugged, times.vehicleSeen, times.prompted, times.bound, times.requested,
                times.charging, times.stopRequested, times.finished, times.feeNotice, times.paid, times.unplugged,
                times.vehicleLeft};
            out.append(times.pile);
            for (long at : steps) {
                out.append(',').append(at == 0 ? "" : String.format(Locale.ROOT, "%.3f", (at - origin) / 1e6));
            }
            out.append(',').append(times.contactorRoundTrip > 0
                    ? String.format(Locale.ROOT, "%.3f", times.contactorRoundTrip / 1e6) : "");
            out.append(',').append(times.abandonedAt == null ? "" : times.abandonedAt).append('\n');
        }
        Files.writeString(file, out);
    }

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
