package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;

/**
 * The depot's telemetry for the fleet: a pile's change of state or fault as it happens (noted on the pile's thread,
 * recorded at the next {@link #flush}), each fault that comes or goes as an event of its own, and every interval each
 * pile's and the site's power and meter register. Telemetry has its own transactions and is the first to go past the
 * disk budget.
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

    /**
     * A pile's status, as its listener gets it: an event when its state or fault changed, and one for each fault (by
     * its code) that came or went; a pile first seen with faults has them coming.
     */
    void seen(PileStatus status) {
        PileStatus before = lastSeen.put(status.pileId(), status);
        if (before == null || before.state() != status.state() || before.plugState() != status.plugState()
                || !Objects.equals(before.faultText(), status.faultText())) {
            changes.add(records.pileStatus(status));
        }
        List<PileFault> had = before == null ? List.of() : before.faults();
        faultsOtherThan(had, status.faults()).forEach(gone -> changes.add(records.pileFault(status, gone, true)));
        faultsOtherThan(status.faults(), had).forEach(come -> changes.add(records.pileFault(status, come, false)));
    }

    /** The faults of {@code these} whose code none of {@code those} has. */
    private static List<PileFault> faultsOtherThan(List<PileFault> these, List<PileFault> those) {
        Set<ErrorCode> codes = those.stream().map(PileFault::code).collect(Collectors.toSet());
        return these.stream().filter(fault -> !codes.contains(fault.code())).toList();
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
