package org.pilegate.pile.internal;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter, relay and pile of every row of the pile table, each a component instance made by its kind's component
 * factory from the row's values. No Configuration Admin record stands for them, so a depot of thousands of piles pays
 * neither a stored record per device nor a search of all records per event. Instances are made a few piles a step on
 * the gateway's workers, a pile's meter and relay before the pile, so the rest of the start goes on beside them. An
 * instance whose values changed is disposed and made anew, one whose row is gone is disposed; when a factory goes (its
 * bundle is updated) SCR disposes its instances, and they are made anew when it comes back.
 */
final class TablePiles {

    /** Piles a step takes on: other steps on the workers get their turn between. */
    static final int PILES_PER_STEP = 20;
    /** A pile finds its devices at once when they are made first; it goes before them. */
    private static final List<String> MAKING = List.of("meter", "relay", "pile");
    private static final List<String> DISPOSING = List.of("pile", "meter", "relay");
    private static final Logger LOG = LoggerFactory.getLogger(TablePiles.class);

    /**
     * An instance with what it was made from: a change of either makes it anew. Without an instance it failed to
     * start, and is tried again on such a change only.
     */
    private record Made(ComponentInstance<?> instance, ComponentFactory<?> factory, Map<String, Object> properties) {
    }

    private final Executor lane;
    private final Executor workers;
    private final String tag;
    // the lane's alone
    private String table = "";
    private Map<String, PileTable.Row> wanted = Map.of();
    private final Map<String, ComponentFactory<?>> factories = new HashMap<>();
    /** Piles whose instances may differ from what is wanted, in the table's order. */
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean stepQueued;
    private long roundStartNanos = -1; // -1: nothing pending
    private int madeInRound;
    private int disposedInRound;
    private int failedInRound;
    /** Held while instances are made or disposed, so that closing waits for one pile at most. */
    private final Object making = new Object();
    private final Map<String, Map<String, Made>> made = new HashMap<>(); // guarded by making: id → kind → instance
    private volatile boolean closed; // written under making

    /**
     * @param lane runs this one's steps one at a time, in order, on {@code workers}
     * @param tag the property that marks an instance as the table's; its value names the table
     */
    TablePiles(Executor lane, Executor workers, String tag) {
        this.lane = lane;
        this.workers = workers;
        this.tag = tag;
    }

    /**
     * The table's readable rows now. With {@code complete} false (some rows cannot be read) a pile no longer among
     * them keeps running as it was, unless it is {@code leftOut}: configured elsewhere.
     */
    void want(String table, List<PileTable.Row> rows, Set<String> leftOut, boolean complete) {
        onLane(() -> {
            Map<String, PileTable.Row> next = new LinkedHashMap<>();
            rows.forEach(row -> next.put(row.id(), row));
            if (!complete) {
                wanted.forEach((id, row) -> {
                    if (!leftOut.contains(id)) {
                        next.putIfAbsent(id, row);
                    }
                });
            }
            boolean renamed = !table.equals(this.table);
            Set<String> ids = new LinkedHashSet<>(next.keySet());
            ids.addAll(wanted.keySet());
            for (String id : ids) {
                if (renamed || !sameValues(wanted.get(id), next.get(id))) {
                    pending.add(id);
                }
            }
            this.table = table;
            wanted = next;
            queueStep();
        });
    }

    /** A kind's factory is there: every pile gets its instance of that kind. */
    void factoryCame(String kind, ComponentFactory<?> factory) {
        onLane(() -> {
            factories.put(kind, factory);
            pending.addAll(wanted.keySet());
            queueStep();
        });
    }

    /** A kind's factory went, and SCR disposed its instances: they are let go of, to be made anew when it is back. */
    void factoryWent(String kind, ComponentFactory<?> factory) {
        onLane(() -> {
            if (factories.remove(kind, factory)) {
                pending.addAll(wanted.keySet());
                queueStep();
            }
        });
    }

    /** Disposes every instance, piles first; nothing is made after. */
    void close() {
        synchronized (making) {
            closed = true;
            made.values().forEach(parts -> DISPOSING.forEach(kind -> dispose(parts.get(kind))));
            made.clear();
        }
    }

    /** How many instances of a kind run now. */
    int running(String kind) {
        synchronized (making) {
            return (int) made.values().stream().filter(parts -> parts.containsKey(kind)
                    && parts.get(kind).instance() != null).count();
        }
    }

    private void queueStep() {
        if (!stepQueued && !pending.isEmpty() && !closed) {
            if (roundStartNanos < 0) {
                roundStartNanos = System.nanoTime();
            }
            stepQueued = true;
            // by way of the workers: the lane's turn ends, and the workers' other steps go first
            try {
                workers.execute(() -> onLane(this::step));
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Pile table: the gateway's workers are stopping; no more piles are made");
            }
        }
    }

    /** Brings a few piles to what is wanted; the next few follow behind the workers' other steps. */
    private void step() {
        stepQueued = false;
        Iterator<String> ids = pending.iterator();
        for (int i = 0; i < PILES_PER_STEP && ids.hasNext(); i++) {
            String id = ids.next();
            ids.remove();
            synchronized (making) {
                if (closed) {
                    return;
                }
                bringToWanted(id);
            }
        }
        if (pending.isEmpty() && roundStartNanos >= 0) {
            if (madeInRound + disposedInRound + failedInRound > 0) {
                LOG.info("Pile table {}: {} meters, {} relays and {} piles run ({} made, {} disposed, {} failed, in"
                        + " {} ms)", table, running("meter"), running("relay"), running("pile"), madeInRound,
                        disposedInRound, failedInRound, (System.nanoTime() - roundStartNanos) / 1_000_000);
            }
            roundStartNanos = -1;
            madeInRound = 0;
            disposedInRound = 0;
            failedInRound = 0;
        }
        queueStep();
    }

    /** Under {@link #making}. */
    private void bringToWanted(String id) {
        PileTable.Row row = wanted.get(id);
        Map<String, Made> parts = made.computeIfAbsent(id, unused -> new HashMap<>());
        for (String kind : DISPOSING) {
            Made part = parts.get(kind);
            if (part != null && (row == null || part.factory() != factories.get(kind)
                    || !part.properties().equals(properties(row, kind)))) {
                dispose(part);
                parts.remove(kind);
                disposedInRound += part.instance() == null ? 0 : 1;
            }
        }
        for (String kind : row == null ? List.<String>of() : MAKING) {
            ComponentFactory<?> factory = factories.get(kind);
            if (factory != null && !parts.containsKey(kind) && (!kind.equals("pile") || devicesCanBeMade())) {
                Map<String, Object> properties = properties(row, kind);
                try {
                    parts.put(kind, new Made(factory.newInstance(new Hashtable<>(properties)), factory, properties));
                    madeInRound++;
                } catch (RuntimeException e) {
                    parts.put(kind, new Made(null, factory, properties));
                    failedInRound++;
                    LOG.warn("Pile table {} line {}: the {} of pile {} did not start ({}); its error is logged"
                            + " before this", table, row.line(), kind, id, e.getMessage());
                }
            }
        }
        if (parts.isEmpty()) {
            made.remove(id);
        }
    }

    /** A pile is made once its meter and relay can be, so that it does not start out waiting for them. */
    private boolean devicesCanBeMade() {
        return factories.containsKey("meter") && factories.containsKey("relay");
    }

    private Map<String, Object> properties(PileTable.Row row, String kind) {
        Map<String, Object> properties = new HashMap<>(row.of(kind));
        properties.put(tag, table);
        return properties;
    }

    private static boolean sameValues(PileTable.Row before, PileTable.Row now) {
        return before == null || now == null ? before == now
                : PileTable.KINDS.stream().allMatch(kind -> before.of(kind).equals(now.of(kind)));
    }

    /** Disposing an instance SCR already disposed does nothing. */
    private static void dispose(Made part) {
        if (part != null && part.instance() != null) {
            try {
                part.instance().dispose();
            } catch (RuntimeException e) {
                LOG.debug("An instance of the pile table could not be disposed", e);
            }
        }
    }

    private void onLane(Runnable step) {
        try {
            lane.execute(step);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Pile table: the gateway's workers are stopping; {} not handed over", step);
        }
    }
}
