package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one pile's meter and relay and moves its state machine: plug and unplug from the control pilot, and
 * Faulted while the pile cannot be trusted — a control-pilot error, or a device that stopped answering for longer
 * than the grace period (a driver being updated is back well within it). Recovery returns to what the plug shows.
 */
final class PileMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(PileMonitor.class);

    private final PileId pile;
    private final String meterId;
    private final String relayId;
    private final Clock clock;
    private final Duration grace;
    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    /** Why the pile cannot be trusted, by source; empty when it can. */
    private final Map<String, String> faults = new LinkedHashMap<>();

    private PileState state = PileState.AVAILABLE;
    private Optional<RelayState> relay = Optional.empty();
    private Optional<MeterReading> meter = Optional.empty();
    private Instant lastRelay;
    private Instant lastGoodMeter;
    private PileStatus published;

    PileMonitor(PileId pile, String meterId, String relayId, Clock clock, Duration grace) {
        this.pile = pile;
        this.meterId = meterId;
        this.relayId = relayId;
        this.clock = clock;
        this.grace = grace;
        this.lastRelay = clock.instant();
        this.lastGoodMeter = clock.instant();
        this.published = snapshot();
    }

    synchronized void onRelayState(RelayState state) {
        relay = Optional.of(state);
        lastRelay = clock.instant();
        faults.remove("relay");
        if (state.plugState() == PlugState.E || state.plugState() == PlugState.F) {
            faults.put("pilot", "control pilot reports state " + state.plugState());
        } else {
            faults.remove("pilot");
        }
        update();
    }

    synchronized void onMeterReading(MeterReading reading) {
        meter = Optional.of(reading);
        switch (reading.quality()) {
            case GOOD -> {
                lastGoodMeter = clock.instant();
                faults.remove("meter");
            }
            case INVALID -> faults.put("meter", "meter " + meterId + " reports implausible values");
            case STALE -> {
                // judged by the watchdog, after the grace period
            }
        }
        update();
    }

    /** Called periodically: a device silent for longer than the grace period faults the pile. */
    synchronized void checkSilence() {
        Instant now = clock.instant();
        if (Duration.between(lastRelay, now).compareTo(grace) > 0) {
            faults.put("relay", "relay " + relayId + " not answering since " + lastRelay);
        }
        boolean meterUntrusted = meter.map(reading -> reading.quality() != ReadingQuality.GOOD).orElse(true);
        if (meterUntrusted && Duration.between(lastGoodMeter, now).compareTo(grace) > 0) {
            faults.putIfAbsent("meter", "meter " + meterId + " not answering since " + lastGoodMeter);
        }
        update();
    }

    synchronized PileStatus status() {
        return published;
    }

    AutoCloseable subscribe(Consumer<PileStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void update() {
        boolean plugged = relay.map(r -> r.plugState().vehiclePresent()).orElse(false);
        if (!faults.isEmpty()) {
            move(PileEvent.FAULT);
        } else if (state == PileState.FAULTED) {
            move(plugged ? PileEvent.RECOVERED_PLUGGED : PileEvent.RECOVERED_EMPTY);
        } else if (plugged) {
            move(PileEvent.VEHICLE_PLUGGED);
        } else {
            move(PileEvent.VEHICLE_UNPLUGGED);
        }
        PileStatus now = snapshot();
        if (!sameExceptTime(now, published)) {
            published = now;
            for (Consumer<PileStatus> listener : listeners) {
                try {
                    listener.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("Pile {}: a status listener failed", pile, e);
                }
            }
        }
    }

    private void move(PileEvent event) {
        PileStateMachine.next(state, event).filter(next -> next != state).ifPresent(next -> {
            LOG.info("Pile {}: {} -> {} on {}{}", pile, state, next, event,
                    faults.isEmpty() ? "" : " (" + String.join("; ", faults.values()) + ")");
            state = next;
        });
    }

    private PileStatus snapshot() {
        return new PileStatus(pile, state,
                relay.map(RelayState::plugState).orElse(PlugState.A),
                relay.map(RelayState::contactorClosed).orElse(false),
                meter.map(MeterReading::activePowerW).orElse(0L),
                meter.map(MeterReading::energyImportWh).orElse(0L),
                relay.map(RelayState::currentLimitA).orElse(0),
                Optional.empty(),
                faults.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", faults.values())),
                clock.instant());
    }

    private static boolean sameExceptTime(PileStatus a, PileStatus b) {
        return a.state() == b.state() && a.plugState() == b.plugState() && a.contactorClosed() == b.contactorClosed()
                && a.powerW() == b.powerW() && a.energyWh() == b.energyWh() && a.currentLimitA() == b.currentLimitA()
                && a.faultText().equals(b.faultText());
    }
}
