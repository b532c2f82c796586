package org.pilegate.pile.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.SessionId;

/**
 * Why a pile cannot be trusted, by source: a control-pilot error, a meter that reports implausible values, or a device
 * that stopped answering for longer than the grace period (a driver being updated is back well within it). Not
 * thread-safe: the pile's monitor guards it.
 */
final class PileFaults {

    private final Map<String, PileFault> faults = new LinkedHashMap<>();
    private String meterId;
    private String relayId;
    private Duration grace;
    private Instant lastRelay;
    private Instant lastGoodMeter;

    /** @param since when the pile started: its devices count as answering from then */
    PileFaults(String meterId, String relayId, Duration grace, Instant since) {
        reconfigure(meterId, relayId, grace);
        this.lastRelay = since;
        this.lastGoodMeter = since;
    }

    void reconfigure(String meter, String relay, Duration gracePeriod) {
        meterId = meter;
        relayId = relay;
        grace = gracePeriod;
    }

    /** The relay answered with {@code state} at {@code at}. */
    void relayAnswered(RelayState state, Instant at) {
        lastRelay = at;
        faults.remove("relay");
        if (state.plugState() == PlugState.E || state.plugState() == PlugState.F) {
            faults.put("pilot", new PileFault(ErrorCode.CONTROL_PILOT_ERROR, "control pilot reports state "
                    + state.plugState()));
        } else {
            faults.remove("pilot");
        }
    }

    /** The meter sent {@code reading} at {@code at}; a stale one is judged by {@link #checkSilence}. */
    void meterAnswered(MeterReading reading, Instant at) {
        switch (reading.quality()) {
            case GOOD -> {
                lastGoodMeter = at;
                faults.remove("meter");
            }
            case INVALID -> faults.put("meter", new PileFault(ErrorCode.METER_IMPLAUSIBLE, "meter " + meterId
                    + " reports implausible values"));
            case STALE -> {
                // judged by the watchdog, after the grace period
            }
        }
    }

    /** A device silent for longer than the grace period at {@code now} faults the pile. */
    void checkSilence(Instant now, Optional<MeterReading> meter) {
        if (Duration.between(lastRelay, now).compareTo(grace) > 0) {
            faults.put("relay", new PileFault(ErrorCode.RELAY_NOT_ANSWERING, "relay " + relayId
                    + " not answering since " + lastRelay));
        }
        boolean meterUntrusted = meter.map(reading -> reading.quality() != ReadingQuality.GOOD).orElse(true);
        if (meterUntrusted && Duration.between(lastGoodMeter, now).compareTo(grace) > 0) {
            faults.putIfAbsent("meter", new PileFault(ErrorCode.METER_NOT_ANSWERING, "meter " + meterId
                    + " not answering since " + lastGoodMeter));
        }
    }

    boolean any() {
        return !faults.isEmpty();
    }

    /**
     * Every fault, in the order they arose (empty when the pile can be trusted), the last one telling what the
     * operator must know of a session held through them: it is not settled, nor billed, yet.
     *
     * @param held the session the pile holds through the faults, if any
     */
    List<PileFault> noted(Optional<SessionId> held) {
        List<PileFault> noted = new ArrayList<>(faults.values());
        if (!noted.isEmpty() && held.isPresent()) {
            PileFault last = noted.remove(noted.size() - 1);
            noted.add(new PileFault(last.code(), last.text() + "; session " + held.get().value() + " not settled"
                    + " until the relay shows the contactor open and the meter is read after that"));
        }
        return List.copyOf(noted);
    }

    /** Every fault, for humans; empty when the pile can be trusted. */
    Optional<String> text() {
        return faults.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", faults.values().stream().map(PileFault::text).toList()));
    }
}
