package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;

import com.fasterxml.jackson.databind.node.ObjectNode;

class TransactionHandlersTest {

    private static final String START = "{\"connectorId\":1,\"idTag\":\"EV-ANNA\",\"meterStart\":15000,"
            + "\"timestamp\":\"2026-12-03T10:00:00Z\"}";

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
        assertEquals(List.of(new JdbcTransactions.Open(id, 1, "EV-ANNA", 15000)),
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
        assertFalse(fixture.transactions.stop(id, 20000, HandlersFixture.NOW, "Local"), "a stop is written once");
    }
}
