package org.pilegate.itests;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.site.Phase;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.SiteLoad;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Vehicles that come to the simulated depot one after the other at each of its first piles, each with a driver who
 * asks for an energy by a departure through the terminal dialogue, and leaves once charging finished. Every pile
 * runs its visits on a thread of its own, as drivers do not wait for each other.
 */
final class DepotVisits {

    /** One vehicle's stay: what it asked for and what it got. */
    record Visit(String pile, String vehicle, long targetWh, Instant departure, long deliveredWh, Instant finished) {
    }

    /** The highest load seen on each phase of the grid connection, in mA, and how often it was sampled. */
    static final class Peaks {

        private final long[] totalMa = new long[3];
        private final long[] buildingMa = new long[3];
        private int samples;

        synchronized void sample(SiteLoad load) {
            for (Phase phase : Phase.values()) {
                totalMa[phase.ordinal()] = Math.max(totalMa[phase.ordinal()], load.totalMa(phase));
                buildingMa[phase.ordinal()] = Math.max(buildingMa[phase.ordinal()], load.buildingMa(phase));
            }
            samples++;
        }

        synchronized long totalMa(Phase phase) {
            return totalMa[phase.ordinal()];
        }

        synchronized long buildingMa(Phase phase) {
            return buildingMa[phase.ordinal()];
        }

        synchronized int samples() {
            return samples;
        }
    }

    private final BundleContext context;
    private final DepotSimulator depot;

    DepotVisits(BundleContext context, DepotSimulator depot) {
        this.context = context;
        this.depot = depot;
    }

    /**
     * Plays {@code perPile} visits at each of the first {@code piles} piles; visit {@code k} of all asks for
     * 5 to 20 Wh by 30 to 50 s after its charging request.
     */
    List<Visit> play(int piles, int perPile, Duration timeout) throws Exception {
        ConcurrentLinkedQueue<Visit> visits = new ConcurrentLinkedQueue<>();
        ExecutorService drivers = Executors.newFixedThreadPool(piles);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int pile = 0; pile < piles; pile++) {
                int index = pile;
                running.add(drivers.submit(() -> {
                    for (int round = 0; round < perPile; round++) {
                        visits.add(visit(index, round * piles + index));
                    }
                    return null;
                }));
            }
            for (Future<?> pile : running) {
                pile.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            drivers.shutdownNow();
        }
        return List.copyOf(visits);
    }

    private Visit visit(int pileIndex, int k) throws Exception {
        String pile = String.format("sim-%02d", pileIndex + 1);
        String name = String.format("depot%02d", k + 1);
        Dialogues.Driver driver = Dialogues.driver(context, name, pileIndex);
        try (TerminalClient client = driver.client()) {
            depot.plug(pileIndex, new SimulatedVehicle(driver.vehicle(), 60_000, 0.3));
            Dialogues.associate(client, pile, driver.terminal().value());
            long targetWh = 5 + (k % 4) * 5;
            Instant departure = Instant.now().plusSeconds(30 + (k % 5) * 5);
            client.send("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":{\"energyWh\":"
                    + targetWh + ",\"departure\":\"" + departure + "\"}}");
            JsonNode promise = client.next("charging_promise", Dialogues.WAIT);
            assertEquals(pile, promise.path("pile").asText());
            JsonNode finished = client.next(frame -> "FINISHED".equals(frame.path("state").asText()),
                    "the finished status of " + name, Duration.ofSeconds(90));
            return new Visit(pile, driver.vehicle().value(), targetWh, departure,
                    finished.path("energyWh").asLong(), Instant.now());
        } finally {
            depot.unplug(pileIndex);
            // the next vehicle comes once the gateway saw this one leave, as a real one would take a while
            PileController controller = Services.await(context, PileController.class,
                    "(" + PileController.ID_PROPERTY + "=" + pile + ")", Dialogues.WAIT);
            Services.awaitTrue(pile + " free again", Dialogues.WAIT,
                    () -> controller.status().state() == PileState.AVAILABLE);
        }
    }
}
