package org.pilegate.uplink.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.pilegate.api.ocpp.ChargePoint;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.pile.PileId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which connector of its charge point a pile is, for a charge record's location: connector n of an OCPP charge point
 * is the pile {@code <id>-<n>}. Other piles, and every pile while no charge point registry runs, are no known
 * connector. The registry is read when it or a pile comes, never while a record is written: that happens inside the
 * fee's transaction, which must not wait for a second connection.
 */
final class PileConnectors {

    private static final Logger LOG = LoggerFactory.getLogger(PileConnectors.class);

    private volatile Map<PileId, Integer> known = Map.of();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    /**
     * Reads the registry again on {@code executor}, once for every pile that came meanwhile: thousands of piles
     * starting together ask for one reading, not one each.
     */
    void refreshSoon(Supplier<Optional<ChargePoints>> registry, Executor executor) {
        if (refreshQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                refreshQueued.set(false);
                refresh(registry.get());
            });
        }
    }

    /** Reads the registry again; with none, no pile is a known connector. */
    synchronized void refresh(Optional<ChargePoints> registry) {
        Map<PileId, Integer> connectors = new HashMap<>();
        try {
            for (ChargePoint point : registry.map(ChargePoints::list).orElse(List.of())) {
                for (int connector = 1; connector <= point.connectors(); connector++) {
                    connectors.put(point.id().pile(connector), connector);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Charge points not listed; charge records keep the connectors known before: {}", e.toString());
            return;
        }
        known = Map.copyOf(connectors);
    }

    /** The pile's connector id; empty where it is no known OCPP connector. */
    OptionalInt connectorOf(PileId pile) {
        Integer connector = known.get(pile);
        return connector == null ? OptionalInt.empty() : OptionalInt.of(connector);
    }
}
