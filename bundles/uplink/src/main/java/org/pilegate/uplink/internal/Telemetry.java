package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;

/**
 * The depot's telemetry for the fleet: a pile's change of state or fault as it happens (noted on the pile's thread,
 * recorded at the next {@link #flush}), and every interval each pile's and the site's power and meter register.
 * Telemetry has its own transactions and is the first to go past the disk budget.
 */
final class Telemetry {

    private final Map<PileId, PileController> piles = new ConcurrentHashMap<>();
    private final Map<PileId, PileStatus> lastSeen = new ConcurrentHashMap<>();
    private final Queue<OutboxEvent> changes = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private volatile Records records;

    Telemetry(Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    void records(Records current) {
        records = current;
    }

    void add(PileController pile) {
        piles.put(pile.id(), pile);
    }

    void remove(PileController pile) {
        piles.remove(pile.id(), pile);
        lastSeen.remove(pile.id());
    }

    /** A pile's status, as its listener gets it: an event when its state or fault changed. */
    void seen(PileStatus status) {
        PileStatus before = lastSeen.put(status.pileId(), status);
        if (before == null || before.state() != status.state() || before.plugState() != status.plugState()
                || !Objects.equals(before.faultText(), status.faultText())) {
            changes.add(records.pileStatus(status));
        }
    }

    /** The changes noted since the last flush, oldest first. */
    List<OutboxEvent> flush() {
        List<OutboxEvent> events = new ArrayList<>();
        for (OutboxEvent event = changes.poll(); event != null; event = changes.poll()) {
            events.add(event);
        }
        return events;
    }

    /** Each pile's power and register now, and the site's sum. */
    List<OutboxEvent> sample() {
        Instant at = clock.instant();
        Records current = records;
        List<OutboxEvent> events = new ArrayList<>();
        long powerW = 0;
        long registerWh = 0;
        for (PileController pile : piles.values()) {
            PileStatus status = pile.status();
            events.add(current.pilePower(status, at));
            powerW += status.powerW();
            registerWh += status.energyWh();
        }
        events.add(current.sitePower(powerW, registerWh, piles.size(), at));
        return events;
    }
}
