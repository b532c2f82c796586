package org.pilegate.ocpp16.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;

/**
 * One connector of an OCPP charge point as its pile sees it: the contactor is closed while a transaction runs, the
 * plug follows StatusNotification, the vehicle is the idTag presented, the meter is what StartTransaction,
 * MeterValues and StopTransaction report. A connector reports a plugged-in vehicle once it identified itself, or
 * once {@code identifyWait} passed without (then a driver scans the pile's code), so that the session opens with the
 * vehicle it is for. While its charge point is connected the state is published every second, as a polled device
 * would be; a charge point gone quiet leaves its piles silent, and they fault after their grace period. After a restart
 * of the gateway the plug is told once the charge point sent the connector's status (asked for on every connection),
 * or while a transaction runs: a guess would show a vehicle still plugged in as gone.
 */
final class Connector {

    private final PileId pile;
    private final int connectorId;
    private final Clock clock;
    private final Supplier<Duration> identifyWait;
    private final List<Consumer<RelayState>> relayListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MeterReading>> meterListeners = new CopyOnWriteArrayList<>();
    private String status = "Unavailable"; // guarded by this
    /** Whether the charge point told this connector's status since the gateway started. */
    private boolean statusHeard; // guarded by this
    private Optional<Instant> preparingSince = Optional.empty(); // guarded by this
    private Optional<String> idTag = Optional.empty(); // guarded by this
    private Optional<Integer> transaction = Optional.empty(); // guarded by this
    private int currentLimitA; // guarded by this
    private Optional<MeterReading> reading = Optional.empty(); // guarded by this
    private boolean online; // guarded by this
    private boolean startRequested; // guarded by this
    private Optional<String> stopSincePlugIn = Optional.empty(); // guarded by this
    private boolean stopWanted; // guarded by this

    Connector(PileId pile, int connectorId, Clock clock, Supplier<Duration> identifyWait) {
        this.pile = pile;
        this.connectorId = connectorId;
        this.clock = clock;
        this.identifyWait = identifyWait;
    }

    PileId pile() {
        return pile;
    }

    int connectorId() {
        return connectorId;
    }

    synchronized void online(boolean connected) {
        online = connected;
    }

    synchronized boolean online() {
        return online;
    }

    /** A StatusNotification for this connector. */
    void onStatus(String ocppStatus) {
        synchronized (this) {
            boolean preparing = "Preparing".equals(ocppStatus);
            if (preparing && preparingSince.isEmpty()) {
                preparingSince = Optional.of(clock.instant());
            }
            if ("Available".equals(ocppStatus) || preparing) {
                stopSincePlugIn = Optional.empty();
            }
            if ("Available".equals(ocppStatus)) {
                preparingSince = Optional.empty();
                idTag = transaction.isPresent() ? idTag : Optional.empty();
            }
            status = ocppStatus;
            statusHeard = true;
        }
        publish();
    }

    /** The driver identified themselves (Authorize or StartTransaction) at this connector. */
    void onIdTag(String tag) {
        synchronized (this) {
            idTag = Optional.of(tag);
        }
        publish();
    }

    synchronized Optional<String> idTag() {
        return idTag;
    }

    synchronized boolean waitingForIdentification() {
        return ("Preparing".equals(status) || preparingSince.isPresent()) && idTag.isEmpty() && transaction.isEmpty();
    }

    void onTransactionStarted(int transactionId, String tag, long meterStartWh, Instant at) {
        synchronized (this) {
            transaction = Optional.of(transactionId);
            startRequested = false;
            stopSincePlugIn = Optional.empty();
            stopWanted = false;
            idTag = Optional.of(tag);
            reading = Optional.of(register(meterStartWh, 0, Optional.empty(), at));
        }
        publish();
    }

    /**
     * A transaction the store holds as running, after a restart of the gateway: the contactor is closed; the register
     * is left for the charge point to report, as the one at the start is long past.
     */
    synchronized void resume(int transactionId, String tag, boolean stop) {
        transaction = Optional.of(transactionId);
        idTag = Optional.of(tag);
        stopWanted = stop;
    }

    /** The charge point stopped the transaction here, for {@code reason} (StopTransaction's, e.g. Local, Remote). */
    void onTransactionStopped(long meterStopWh, Instant at, String reason) {
        synchronized (this) {
            stopSincePlugIn = Optional.of("transaction " + transaction.map(String::valueOf).orElse("?")
                    + " of connector " + connectorId + " stopped by the charge point at " + at + ", reason " + reason);
            transaction = Optional.empty();
            if (!stopWanted) {
                reading = Optional.of(register(meterStopWh, 0, Optional.empty(), at));
            }
            stopWanted = false;
        }
        publish();
    }

    /** The gateway asked the charge point to start a transaction here: the one that comes is the pile's. */
    synchronized void startRequested(boolean requested) {
        startRequested = requested;
    }

    synchronized boolean startRequested() {
        return startRequested;
    }

    /**
     * The transaction the charge point stopped here since the vehicle was plugged in (Preparing), said for people — at
     * the driver's or the gateway's request, perhaps while the gateway was down: charging this vehicle again takes a
     * new plug-in, as on any pile.
     */
    synchronized Optional<String> stopSincePlugIn() {
        return stopSincePlugIn;
    }

    /**
     * Whether the transaction's session ended while the charge point could not be told to stop (it was away, or
     * refused): it is told to stop on its next connection. From then the pile sees the contactor open and the register
     * where the session ended, as what follows is billed apart from it.
     */
    synchronized void stopWanted(boolean wanted) {
        stopWanted = wanted;
    }

    synchronized boolean stopWanted() {
        return stopWanted && transaction.isPresent();
    }

    synchronized Optional<Integer> transaction() {
        return transaction;
    }

    /** Readings from MeterValues: each value present replaces the last, the others are kept. */
    void onMeterValues(MeterValues values) {
        synchronized (this) {
            if (stopWanted && transaction.isPresent()) {
                return;
            }
            long energy = values.energyWh().orElse(reading.map(MeterReading::energyImportWh).orElse(-1L));
            if (energy < 0) {
                return; // nothing to count from yet: the pile waits for a register
            }
            long power = values.powerW().orElse(reading.map(MeterReading::activePowerW).orElse(0L));
            Optional<PhaseValues> phases = values.phases().or(() -> reading.flatMap(MeterReading::phases));
            reading = Optional.of(register(energy, power, phases, values.at()));
        }
        publish();
    }

    synchronized void limit(int currentA) {
        currentLimitA = currentA;
    }

    synchronized int currentLimitA() {
        return currentLimitA;
    }

    synchronized RelayState relayState() {
        boolean closed = transaction.isPresent() && !stopWanted;
        return new RelayState(closed, plugState(), plugState().vehiclePresent()
                ? idTag.map(VehicleId::new) : Optional.empty(), closed ? currentLimitA : 0, clock.instant());
    }

    /**
     * The relay's state once known: a StatusNotification came, or a transaction runs (its vehicle is plugged in).
     * Before, after a restart of the gateway, no vehicle is known to be there or gone.
     */
    synchronized Optional<RelayState> heardRelayState() {
        return statusHeard || transaction.isPresent() ? Optional.of(relayState()) : Optional.empty();
    }

    synchronized Optional<MeterReading> reading() {
        return reading;
    }

    AutoCloseable onRelay(Consumer<RelayState> listener) {
        relayListeners.add(listener);
        return () -> relayListeners.remove(listener);
    }

    AutoCloseable onMeter(Consumer<MeterReading> listener) {
        meterListeners.add(listener);
        return () -> meterListeners.remove(listener);
    }

    /**
     * Tells the pile what the connector is, if its charge point is connected. While it is not, a transaction it runs
     * goes on in the charge point, which reports it once back: the pile hears the contactor is still closed, and no
     * meter reading until the charge point's next one, so its session neither faults nor ends however long the
     * charge point is away.
     */
    void publish() {
        Optional<RelayState> relay;
        Optional<MeterReading> meter;
        synchronized (this) {
            if (!online && transaction.isEmpty()) {
                return;
            }
            relay = heardRelayState();
            meter = reading.filter(r -> online).map(r -> new MeterReading(clock.instant(), r.energyImportWh(),
                    r.activePowerW(), ReadingQuality.GOOD, r.phases()));
        }
        meter.ifPresent(r -> meterListeners.forEach(listener -> listener.accept(r)));
        relay.ifPresent(r -> relayListeners.forEach(listener -> listener.accept(r)));
    }

    /** OCPP's connector status as a control-pilot state. */
    private PlugState plugState() {
        return switch (status) {
            case "Charging", "SuspendedEVSE" -> PlugState.C;
            case "Preparing" -> identified() ? PlugState.B : PlugState.A;
            case "SuspendedEV", "Finishing" -> PlugState.B;
            case "Faulted" -> PlugState.E;
            default -> transaction.isPresent() ? PlugState.B : PlugState.A;
        };
    }

    private boolean identified() {
        return idTag.isPresent() || preparingSince.map(since -> !clock.instant().isBefore(since.plus(identifyWait.get())))
                .orElse(false);
    }

    private static MeterReading register(long energyWh, long powerW, Optional<PhaseValues> phases, Instant at) {
        return new MeterReading(at, Math.max(0, energyWh), powerW, ReadingQuality.GOOD, phases);
    }
}
