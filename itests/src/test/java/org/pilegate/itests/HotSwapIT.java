package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pilegate.itests.Dialogues.WAIT;
import static org.pilegate.itests.Dialogues.associate;
import static org.pilegate.itests.Dialogues.chargeRequest;
import static org.pilegate.itests.Dialogues.driver;
import static org.pilegate.itests.Dialogues.statusUpdates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An operator swaps the meter driver, the relay driver and the terminal routing (bundle:update, then bundle:restart)
 * while two sessions charge: no session is lost, no energy is lost, the terminals are still bound afterwards. The
 * longest pause in status updates is logged.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HotSwapIT extends InsideGateway {

    private static final Logger LOG = LoggerFactory.getLogger(HotSwapIT.class);
    private static final List<String> SWAPPED = List.of("org.pilegate.meter-modbus", "org.pilegate.relay-modbus",
            "org.pilegate.routing");
    private static final int[] PILES = {18, 19};
    /** How long a terminal waits for a status before it asks for what it missed. */
    private static final Duration CATCH_UP_EVERY = Duration.ofSeconds(2);

    @Inject
    private DepotSimulator depot;

    /** One driver's session and what their terminal saw of it. */
    private static final class Charging {
        final int pile;
        final String name;
        final Dialogues.Driver driver;
        final long registerAtPlug;
        TerminalClient client;
        String session;
        /** Every status of the session the terminal received, by sequence number. */
        final NavigableMap<Long, JsonNode> statuses = new TreeMap<>();

        Charging(int pile, String name, Dialogues.Driver driver, long registerAtPlug) {
            this.pile = pile;
            this.name = name;
            this.driver = driver;
            this.registerAtPlug = registerAtPlug;
            this.client = driver.client();
        }

        void received(JsonNode status) {
            statuses.put(status.path("seq").asLong(), status);
        }

        long lastSeq() {
            return statuses.lastKey();
        }

        /** The last of the statuses received without a gap since the first: what to ask to have resent after. */
        long lastWithoutGap() {
            long seq = statuses.firstKey();
            while (statuses.containsKey(seq + 1)) {
                seq++;
            }
            return seq;
        }

        long lastEnergyWh() {
            return statuses.lastEntry().getValue().path("energyWh").asLong();
        }
    }

    @Test
    public void driversAndRoutingSwappedWhileSessionsChargeLoseNothing() throws Exception {
        List<Charging> sessions = new ArrayList<>();
        try {
            for (int pile : PILES) {
                String name = "swap" + pile;
                Dialogues.Driver driver = driver(context, name, pile);
                Charging charging = new Charging(pile, name, driver, depot.snapshot(pile).energyWh());
                depot.plug(pile, new SimulatedVehicle(driver.vehicle(), 60_000, 0.2));
                String pileId = String.format("sim-%02d", pile + 1);
                charging.session = associate(charging.client, pileId, name + "-phone");
                chargeRequest(charging.client, pileId, "{}");
                statusUpdates(charging.client, charging.session, 1).forEach(charging::received);
                sessions.add(charging);
            }
            Duration longestDeliveryPause = Duration.ZERO;
            for (String symbolicName : SWAPPED) {
                for (boolean update : new boolean[] {true, false}) {
                    Instant swapped = Instant.now();
                    swap(symbolicName, update);
                    for (Charging charging : sessions) {
                        Instant lastFrame = reattachedAndCharging(charging);
                        Duration pause = Duration.between(swapped, lastFrame);
                        longestDeliveryPause = pause.compareTo(longestDeliveryPause) > 0 ? pause : longestDeliveryPause;
                        assertTrue(charging.name + ": the contactor stayed closed through " + symbolicName,
                                depot.snapshot(charging.pile).contactorClosed());
                    }
                }
            }
            Duration longestRecordedGap = Duration.ZERO;
            for (Charging charging : sessions) {
                charging.client.send("{\"type\":\"stop_request\",\"session\":\"" + charging.session + "\"}");
                JsonNode finished = nextStatus(charging, WAIT);
                while (!"FINISHED".equals(finished.path("state").asText())) {
                    finished = nextStatus(charging, WAIT);
                }
                // as the app does on seeing a gap: what a swap kept from the terminal comes from the record
                while (charging.lastWithoutGap() < charging.lastSeq()) {
                    catchUp(charging);
                    nextStatus(charging, WAIT);
                }
                long delivered = depot.snapshot(charging.pile).energyWh() - charging.registerAtPlug;
                assertEquals(charging.name + ": no energy lost", delivered, finished.path("energyWh").asLong(), 1.0);
                assertConsecutive(charging);
                longestRecordedGap = max(longestRecordedGap, longestGap(List.copyOf(charging.statuses.values())));
            }
            LOG.info("Hot swap of {} (update and restart each) while {} sessions charged: longest gap between"
                    + " recorded status updates {} ms (interval {} ms); longest a terminal waited from a swap to its"
                    + " next charging status {} ms", SWAPPED, sessions.size(), longestRecordedGap.toMillis(),
                    PilegateDistribution.STATUS_INTERVAL_MS, longestDeliveryPause.toMillis());
        } finally {
            for (Charging charging : sessions) {
                charging.client.close();
            }
            Arrays.stream(PILES).forEach(depot::unplug);
        }
    }

    private void swap(String symbolicName, boolean update) throws BundleException {
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(candidate -> symbolicName.equals(candidate.getSymbolicName())).findFirst().orElseThrow();
        if (update) {
            bundle.update();
        } else {
            bundle.stop();
            bundle.start();
        }
    }

    /**
     * Waits for the session's next charging status at its terminal, catching up as the terminal app does: it asks
     * for what it missed after every swap, and connects again when a swap closed its connection.
     *
     * @return when that status arrived
     */
    private static Instant reattachedAndCharging(Charging charging) throws Exception {
        long seqBefore = charging.lastSeq();
        long energyBefore = charging.lastEnergyWh();
        Instant deadline = Instant.now().plus(WAIT);
        catchUp(charging);
        while (true) {
            JsonNode status;
            try {
                status = nextStatus(charging, CATCH_UP_EVERY);
            } catch (AssertionError quiet) {
                assertTrue(charging.name + ": no charging status within " + WAIT, Instant.now().isBefore(deadline));
                catchUp(charging);
                continue;
            }
            assertEquals(charging.name + ": still charging " + status, "CHARGING", status.path("state").asText());
            if (status.path("seq").asLong() > seqBefore && status.path("energyWh").asLong() > energyBefore) {
                return Instant.now();
            }
        }
    }

    /**
     * Connects again if the connection is gone, then asks for every status after the last one received without a
     * gap: a push that went out as a connection closed is lost, the one after it may come on the new connection.
     */
    private static void catchUp(Charging charging) throws Exception {
        if (!charging.client.isOpen()) {
            charging.client.close();
            charging.client = TerminalClient.connect(charging.driver.credential(), WAIT);
        }
        charging.client.send("{\"type\":\"resume_request\",\"session\":\"" + charging.session
                + "\",\"lastSeq\":" + charging.lastWithoutGap() + "}");
    }

    /** The session's next status not received before, kept. */
    private static JsonNode nextStatus(Charging charging, Duration timeout) throws InterruptedException {
        JsonNode status = charging.client.next(frame -> "status_update".equals(frame.path("type").asText())
                && charging.session.equals(frame.path("session").asText())
                && !charging.statuses.containsKey(frame.path("seq").asLong()), "the session's next status", timeout);
        charging.received(status);
        return status;
    }

    /** Every status the session recorded reached the terminal: none lost in a swap. */
    private static void assertConsecutive(Charging charging) {
        long first = charging.statuses.firstKey();
        assertEquals(charging.name + ": status numbers " + charging.statuses.keySet(),
                charging.lastSeq() - first + 1, charging.statuses.size());
    }

    private static Duration longestGap(List<JsonNode> statuses) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < statuses.size(); i++) {
            longest = max(longest, Duration.between(Instant.parse(statuses.get(i - 1).path("at").asText()),
                    Instant.parse(statuses.get(i).path("at").asText())));
        }
        return longest;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
