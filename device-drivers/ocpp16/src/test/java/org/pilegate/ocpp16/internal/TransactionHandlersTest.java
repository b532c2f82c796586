package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ReportedSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.vehicle.VehicleId;

import com.fasterxml.jackson.databind.node.ObjectNode;

class TransactionHandlersTest {

    private static final String START = "{\"connectorId\":1,\"idTag\":\"EV-ANNA\",\"meterStart\":15000,"
            + "\"timestamp\":\"2026-12-03T10:00:00Z\"}";

    /** A start three hours before the gateway hears of it: run while the charge point was offline. */
    private static final String OFFLINE_START = "{\"connectorId\":1,\"idTag\":\"EV-ANNA\",\"meterStart\":40000,"
            + "\"timestamp\":\"2026-12-03T07:00:00Z\"}";

    private final HandlersFixture fixture = new HandlersFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aStartedTransactionIsStoredNumberedAndClosesThePilesContactor() throws Exception {
        ObjectNode answer = fixture.call("StartTransaction", START);

        int id = answer.get("transactionId").asInt();
        assertEquals("Accepted", answer.get("idTagInfo").get("status").asText());
        assertEquals(List.of(new JdbcTransactions.Open(id, 1, "EV-ANNA", 15000, false)),
                fixture.transactions.open(fixture.link.id()));
        assertTrue(fixture.connector(1).relayState().contactorClosed());
        assertEquals(15000, fixture.connector(1).reading().orElseThrow().energyImportWh());
    }

    @Test
    void aStartReportedAgainGetsTheSameNumber() throws Exception {
        int first = fixture.call("StartTransaction", START).get("transactionId").asInt();
        int again = fixture.call("StartTransaction", START).get("transactionId").asInt();
        assertEquals(first, again);
        assertEquals(1, fixture.transactions.open(fixture.link.id()).size());
    }

    @Test
    void aStartTheGatewayDidNotAskForByAnUnknownTagIsRecordedAndRefused() throws Exception {
        ObjectNode answer = fixture.call("StartTransaction", START.replace("EV-ANNA", "STRANGER"));
        assertEquals("Invalid", answer.get("idTagInfo").get("status").asText());
        assertEquals(1, fixture.transactions.open(fixture.link.id()).size(), "recorded all the same");
        assertFalse(fixture.connector(1).relayState().contactorClosed());
    }

    @Test
    void aStartTheGatewayAskedForIsAcceptedWhateverTheTag() throws Exception {
        fixture.connector(1).startRequested(true);
        ObjectNode answer = fixture.call("StartTransaction", START.replace("EV-ANNA", "PILEGATE"));
        assertEquals("Accepted", answer.get("idTagInfo").get("status").asText());
        assertTrue(fixture.connector(1).relayState().contactorClosed());
    }

    @Test
    void meterValuesMoveTheRegisterPowerAndCurrentsInTheGatewaysUnits() throws Exception {
        fixture.call("StartTransaction", START);
        fixture.call("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-03T10:05:00Z\","
                + "\"sampledValue\":[{\"value\":\"15.5\",\"measurand\":\"Energy.Active.Import.Register\","
                + "\"unit\":\"kWh\"},{\"value\":\"11.04\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"},"
                + "{\"value\":\"16.0\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"},"
                + "{\"value\":\"15.9\",\"measurand\":\"Current.Import\",\"phase\":\"L2\",\"unit\":\"A\"},"
                + "{\"value\":\"16.1\",\"measurand\":\"Current.Import\",\"phase\":\"L3\",\"unit\":\"A\"}]}]}");

        MeterReading reading = fixture.connector(1).reading().orElseThrow();
        assertEquals(15500, reading.energyImportWh());
        assertEquals(11040, reading.activePowerW());
        assertEquals(Optional.of(new PhaseValues(0, 0, 0, 16000, 15900, 16100)), reading.phases());
    }

    @Test
    void aStopWithItsTimelineSettlesTheRegisterOpensTheContactorAndIsRecordedOnce() throws Exception {
        int id = fixture.call("StartTransaction", START).get("transactionId").asInt();
        String stop = "{\"transactionId\":" + id + ",\"meterStop\":19000,\"timestamp\":\"2026-12-03T11:00:00Z\","
                + "\"reason\":\"Remote\",\"transactionData\":[{\"timestamp\":\"2026-12-03T10:30:00Z\","
                + "\"sampledValue\":[{\"value\":\"17000\"}]}]}";

        assertEquals(0, fixture.call("StopTransaction", stop).size());
        assertFalse(fixture.connector(1).relayState().contactorClosed());
        assertEquals(19000, fixture.connector(1).reading().orElseThrow().energyImportWh());
        assertEquals(List.of(), fixture.transactions.open(fixture.link.id()));
        assertFalse(fixture.transactions.stop(id, 20000, HandlersFixture.NOW, "Local", Optional.empty()),
                "a stop is written once");
    }

    @Test
    void aTransactionTheGatewayStartedIsBilledByItsSessionNotOnItsOwn() throws Exception {
        fixture.connector(1).startRequested(true);
        int id = fixture.call("StartTransaction", START).get("transactionId").asInt();
        fixture.call("StopTransaction", "{\"transactionId\":" + id + ",\"meterStop\":19000,"
                + "\"timestamp\":\"2026-12-03T11:00:00Z\"}");

        assertEquals(List.of(), fixture.reported);
    }

    @Test
    void whatATransactionDrewAfterItsSessionEndedWhileTheChargePointWasAwayIsBilledOnceOnItsOwn() throws Exception {
        fixture.connector(1).startRequested(true);
        int id = fixture.call("StartTransaction", START).get("transactionId").asInt();
        fixture.transactions.released(id, 17_000, Instant.parse("2026-12-03T10:20:00Z"));
        fixture.transactions.released(id, 18_000, Instant.parse("2026-12-03T10:25:00Z"));
        assertTrue(fixture.transactions.open(fixture.link.id()).get(0).released(), "to be told to stop once back");
        String stop = "{\"transactionId\":" + id + ",\"meterStop\":19000,\"timestamp\":\"2026-12-03T11:00:00Z\","
                + "\"reason\":\"Remote\",\"transactionData\":[{\"timestamp\":\"2026-12-03T10:10:00Z\","
                + "\"sampledValue\":[{\"value\":\"16000\"}]},{\"timestamp\":\"2026-12-03T10:40:00Z\","
                + "\"sampledValue\":[{\"value\":\"18000\"}]}]}";
        fixture.call("StopTransaction", stop);
        fixture.call("StopTransaction", stop);

        assertEquals(1, fixture.reported.size(), "billed once");
        ReportedSession rest = fixture.reported.get(0);
        assertEquals(List.of(17_000L, 19_000L), List.of(rest.startRegisterWh(), rest.endRegisterWh()),
                "from where the session ended, the first release");
        assertEquals(Instant.parse("2026-12-03T10:20:00Z"), rest.startedAt());
        assertEquals(List.of(Instant.parse("2026-12-03T10:40:00Z")), rest.samples().stream().map(MeterSample::at)
                .toList(), "the session billed what came before");
    }

    @Test
    void aTransactionTakenOverByASessionAgainIsNotReleasedAnyMore() throws Exception {
        fixture.connector(1).startRequested(true);
        int id = fixture.call("StartTransaction", START).get("transactionId").asInt();
        fixture.transactions.released(id, 17_000, Instant.parse("2026-12-03T10:20:00Z"));
        fixture.transactions.billedBySession(id);
        fixture.call("StopTransaction", "{\"transactionId\":" + id + ",\"meterStop\":19000,"
                + "\"timestamp\":\"2026-12-03T11:00:00Z\"}");
        assertEquals(List.of(), fixture.reported, "its session bills it");
    }

    @Test
    void aTransactionRunOfflineAndReportedLateIsBilledOnceFromItsRegistersAndTimelineAndLeavesThePileAlone()
            throws Exception {
        ObjectNode started = fixture.call("StartTransaction", OFFLINE_START);
        int id = started.get("transactionId").asInt();
        assertEquals("Accepted", started.get("idTagInfo").get("status").asText());
        assertFalse(fixture.connector(1).relayState().contactorClosed(), "the pile has no session behind it");

        String stop = offlineStop(id);
        fixture.call("StopTransaction", stop);
        // the answer was lost: the charge point sends the stop again on its next connection
        fixture.call("StopTransaction", stop);

        assertEquals(1, fixture.reported.size(), "billed once");
        ReportedSession session = fixture.reported.get(0);
        assertEquals(new SessionId("ocpp-CP-7-" + id), session.id());
        assertEquals(new PileId("CP-7-1"), session.pile());
        assertEquals(Optional.of(new VehicleId("EV-ANNA")), session.vehicle());
        assertEquals(Instant.parse("2026-12-03T07:00:00Z"), session.startedAt());
        assertEquals(Instant.parse("2026-12-03T08:00:00Z"), session.endedAt());
        assertEquals(List.of(40_000L, 46_000L), List.of(session.startRegisterWh(), session.endRegisterWh()));
        assertEquals(List.of(new MeterSample(Instant.parse("2026-12-03T07:30:00Z"), 43_000, 6_000,
                OptionalInt.empty(), true)), session.samples());
    }

    @Test
    void aStopReportedWhileNoSessionsRunIsBilledOnceTheyDo() throws Exception {
        fixture.sessionsRunning = false;
        int id = fixture.call("StartTransaction", OFFLINE_START).get("transactionId").asInt();
        fixture.call("StopTransaction", offlineStop(id));
        assertEquals(List.of(), fixture.reported);

        fixture.sessionsRunning = true;
        fixture.billing.billOutstanding(fixture.link.id());
        fixture.billing.billOutstanding(fixture.link.id());

        assertEquals(1, fixture.reported.size());
    }

    private static String offlineStop(int id) {
        return "{\"transactionId\":" + id + ",\"meterStop\":46000,\"timestamp\":\"2026-12-03T08:00:00Z\","
                + "\"reason\":\"Local\",\"idTag\":\"EV-ANNA\",\"transactionData\":[{\"timestamp\":"
                + "\"2026-12-03T07:30:00Z\",\"sampledValue\":[{\"value\":\"43000\"},{\"value\":\"6000\","
                + "\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}";
    }
}
