package org.pilegate.sim.internal.ocpp;

import java.time.Duration;
import java.util.Optional;

/** One connector of a simulated charge point: its status, its transaction, and a meter that counts while charging. */
final class SimulatedConnector {

    private final int id;
    private String status = "Available"; // guarded by this
    private Optional<Integer> transaction = Optional.empty(); // guarded by this
    private int limitA; // guarded by this
    private long registerWh; // guarded by this
    private long carriedWhMillis; // guarded by this: energy below a watt-hour, kept for the next count

    SimulatedConnector(int id, long registerWh) {
        this.id = id;
        this.registerWh = registerWh;
    }

    int id() {
        return id;
    }

    synchronized String status() {
        return status;
    }

    synchronized void status(String now) {
        status = now;
    }

    synchronized Optional<Integer> transaction() {
        return transaction;
    }

    synchronized void started(int transactionId) {
        transaction = Optional.of(transactionId);
    }

    synchronized void stopped() {
        transaction = Optional.empty();
    }

    synchronized void limitA(int currentA) {
        limitA = Math.max(0, currentA);
    }

    synchronized long registerWh() {
        return registerWh;
    }

    synchronized long powerW(int phases, int volts) {
        return transaction.isPresent() ? (long) limitA * phases * volts : 0;
    }

    /** Counts what charging drew over {@code elapsed}; @return whether it charges */
    synchronized boolean charge(Duration elapsed, int phases, int volts) {
        if (transaction.isEmpty()) {
            return false;
        }
        long whMillis = powerW(phases, volts) * elapsed.toMillis() / 3_600 + carriedWhMillis;
        registerWh += whMillis / 1_000;
        carriedWhMillis = whMillis % 1_000;
        return true;
    }
}
