package org.pilegate.sim.internal.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.work.SharedThreads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulated charge point played against by hand, as the gateway's central system would. */
class SimulatedChargePointTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SharedThreads threads = new SharedThreads(2);
    private final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final List<JsonNode> skipped = new ArrayList<>();
    private final SimulatedChargePoint chargePoint = new SimulatedChargePoint("SIM-CP-01", 2, threads,
            Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC), sent::add);

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void itBootsAgainWhenPendingAndReportsItsConnectorsOnceAccepted() throws Exception {
        chargePoint.connected();
        JsonNode boot = next("BootNotification");
        answer(boot, "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-03T12:00:00Z\",\"interval\":300}");

        JsonNode first = next("StatusNotification");
        assertEquals(1, first.get(3).get("connectorId").asInt());
        assertEquals("Available", first.get(3).get("status").asText());
        assertEquals(2, next("StatusNotification").get(3).get("connectorId").asInt());
    }

    @Test
    void aRemoteStartChargesAtTheProfilesLimitAndReportsTheMeter() throws Exception {
        chargePoint.receive("[2,\"g1\",\"RemoteStartTransaction\",{\"connectorId\":2,\"idTag\":\"EV-1\","
                + "\"chargingProfile\":{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":"
                + "\"TxProfile\",\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":"
                + "\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.0}]}}}]");
        JsonNode accepted = take(frame -> frame.get(0).asInt() == 3);
        assertEquals("Accepted", accepted.get(2).get("status").asText());

        JsonNode start = next("StartTransaction");
        assertEquals(2, start.get(3).get("connectorId").asInt());
        assertEquals(2_000_000, start.get(3).get("meterStart").asLong());
        answer(start, "{\"transactionId\":7,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertEquals("Charging", next("StatusNotification").get(3).get("status").asText());

        chargePoint.sample();
        JsonNode meter = next("MeterValues").get(3);
        assertEquals(7, meter.get("transactionId").asInt());
        JsonNode values = meter.get("meterValue").get(0).get("sampledValue");
        assertEquals("2000030", values.get(0).get("value").asText(), "16 A on 3 phases at 230 V for 10 s: 30.7 Wh");
        assertEquals("11040", values.get(1).get("value").asText());
    }

    @Test
    void whatItDoesNotDoIsAnsweredNotImplemented() throws Exception {
        chargePoint.receive("[2,\"g2\",\"ReserveNow\",{}]");
        JsonNode answer = take(frame -> frame.get(0).asInt() != 2);
        assertEquals(4, answer.get(0).asInt());
        assertEquals("NotImplemented", answer.get(2).asText());
    }

    private JsonNode next(String action) throws Exception {
        return take(frame -> frame.get(0).asInt() == 2 && action.equals(frame.get(2).asText()));
    }

    /** The first frame sent that {@code wanted} holds for; the others stay for later (timers may send first). */
    private JsonNode take(Predicate<JsonNode> wanted) throws Exception {
        for (Iterator<JsonNode> kept = skipped.iterator(); kept.hasNext();) {
            JsonNode frame = kept.next();
            if (wanted.test(frame)) {
                kept.remove();
                return frame;
            }
        }
        while (true) {
            JsonNode frame = json.readTree(poll());
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    private String poll() throws InterruptedException {
        String frame = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(frame, "nothing was sent");
        return frame;
    }

    private void answer(JsonNode call, String payload) {
        chargePoint.receive("[3,\"" + call.get(1).asText() + "\"," + payload + "]");
    }
}
