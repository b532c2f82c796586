package org.pilegate.itests.probe;

import java.util.concurrent.CompletableFuture;

/**
 * When one pile's charging dialogue reached each step in one round, in {@link System#nanoTime()}; the futures
 * complete on the first time a step is seen, so later frames of the same kind change nothing.
 */
final class DialogueTimes {

    /** Zero until the vehicle is plugged in: relay states before that do not count. */
    volatile long plugged;
    final CompletableFuture<Long> vehicleSeen = new CompletableFuture<>();
    final CompletableFuture<Long> prompted = new CompletableFuture<>();
    /** The session id, from the status that confirms the association. */
    final CompletableFuture<String> bound = new CompletableFuture<>();
    /** The reference: nanoseconds a direct close of the contactor took, read-back included. */
    final CompletableFuture<Long> contactorRoundTrip = new CompletableFuture<>();
    volatile long chargingRequested;
    final CompletableFuture<Long> charging = new CompletableFuture<>();
    final CompletableFuture<Long> finished = new CompletableFuture<>();

    long promptDelay() {
        return prompted.join() - plugged;
    }

    long detectionDelay() {
        return vehicleSeen.join() - plugged;
    }

    long chargingDelay() {
        return charging.join() - chargingRequested;
    }
}
