package org.pilegate.metrics.internal;

import java.util.Optional;

import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionId;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of one pile. Sessions and delivered energy are counted from the status changes the pile publishes
 * while it is tracked: a session that was already running when tracking began is not counted as started.
 */
final class PileTracker implements AutoCloseable {

    private final PileController pile;
    private final MeterGroup group;
    private final Counter started;
    private final Counter finished;
    private final Counter delivered;
    private final AutoCloseable subscription;
    /** Guarded by this. */
    private PileStatus last;

    PileTracker(PileController pile, MeterGroup group) {
        this.pile = pile;
        this.group = group;
        Tags tags = Tags.of("pile", pile.id().value());
        started = group.add(Counter.builder("pilegate.pile.sessions.started")
                .description("Sessions seen starting on the pile").tags(tags).register(group.registry()));
        finished = group.add(Counter.builder("pilegate.pile.sessions.finished")
                .description("Sessions seen ending on the pile, however they ended").tags(tags)
                .register(group.registry()));
        delivered = group.add(Counter.builder("pilegate.pile.energy.delivered")
                .description("Energy the pile's meter counted while a session ran on it").baseUnit("watt.hours")
                .tags(tags).register(group.registry()));
        group.add(Gauge.builder("pilegate.pile.power", pile, p -> p.status().powerW())
                .description("Active power towards the vehicle").baseUnit("watts").tags(tags)
                .register(group.registry()));
        group.add(Gauge.builder("pilegate.pile.meter.register", pile, p -> p.status().energyWh())
                .description("Absolute imported-energy register of the pile's meter").baseUnit("watt.hours")
                .tags(tags).register(group.registry()));
        last = pile.status();
        subscription = pile.subscribe(this::changed);
    }

    PileController pile() {
        return pile;
    }

    synchronized void changed(PileStatus status) {
        Optional<SessionId> before = last.activeSession();
        Optional<SessionId> now = status.activeSession();
        if (now.isPresent() && !now.equals(before)) {
            started.increment();
        }
        if (before.isPresent() && !before.equals(now)) {
            finished.increment();
        }
        // a register that went back (meter replaced) delivered nothing
        long energy = status.energyWh() - last.energyWh();
        if (before.isPresent() && energy > 0) {
            delivered.increment(energy);
        }
        last = status;
    }

    @Override
    public void close() throws Exception {
        try {
            subscription.close();
        } finally {
            group.close();
        }
    }
}
