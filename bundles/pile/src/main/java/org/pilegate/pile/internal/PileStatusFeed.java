package org.pilegate.pile.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.pilegate.api.pile.PileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pile's published status and its listeners: a status goes out only when it differs from the last one in more
 * than its time, so a meter answering the same figures every second sends nothing new. A listener that throws is
 * logged and the others still hear it. Publishing is guarded by the pile's monitor; subscribing is thread-safe.
 */
final class PileStatusFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PileStatusFeed.class);

    private final List<Consumer<PileStatus>> listeners = new CopyOnWriteArrayList<>();
    private PileStatus published;

    PileStatusFeed(PileStatus first) {
        published = first;
    }

    AutoCloseable subscribe(Consumer<PileStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The status published last. */
    PileStatus published() {
        return published;
    }

    /** Publishes {@code now} to every listener if it shows something new. */
    void offer(PileStatus now) {
        if (sameExceptTime(now, published)) {
            return;
        }
        published = now;
        for (Consumer<PileStatus> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("Pile {}: a status listener failed", now.pileId(), e);
            }
        }
    }

    private static boolean sameExceptTime(PileStatus a, PileStatus b) {
        return a.state() == b.state() && a.plugState() == b.plugState() && a.contactorClosed() == b.contactorClosed()
                && a.powerW() == b.powerW() && a.energyWh() == b.energyWh() && a.currentLimitA() == b.currentLimitA()
                && a.activeSession().equals(b.activeSession()) && a.faults().equals(b.faults());
    }
}
