package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;

import com.fasterxml.jackson.databind.JsonNode;

class ConnectorRelayTest {

    private volatile OcppSetup setup = new OcppSetup(300, Duration.ofMillis(800), Duration.ofSeconds(10), 30, 3, 230);
    private final List<Integer> takenOver = new CopyOnWriteArrayList<>();
    private final List<List<Long>> released = new CopyOnWriteArrayList<>();
    private final ConnectedChargePoint chargePoint = new ConnectedChargePoint();
    private final Connector connector = chargePoint.connector;
    private final ConnectorRelay relay = new ConnectorRelay(connector, chargePoint.link, chargePoint.calls,
            chargePoint.threads, () -> setup, takenOver::add,
            (transaction, registerWh) -> released.add(List.of((long) transaction, registerWh)),
            new RemoteStop.Backoff(3, Duration.ofMillis(50)));

    @AfterEach
    void stop() {
        chargePoint.close();
    }

    @Test
    void closingTheContactorStartsATransactionRemotelyWithATxProfileAtTheCurrentOffered() throws Exception {
        connector.onIdTag("EV-ANNA");
        CompletionStage<RelayState> closing = relay.execute(new RelayCommand.CloseContactor(16));

        JsonNode call = next();
        assertEquals("RemoteStartTransaction", call.get(2).asText());
        JsonNode request = call.get(3);
        assertEquals("EV-ANNA", request.get("idTag").asText());
        assertEquals("TxProfile", request.get("chargingProfile").get("chargingProfilePurpose").asText());
        assertEquals(16.0, request.get("chargingProfile").get("chargingSchedule").get("chargingSchedulePeriod")
                .get(0).get("limit").asDouble());
        answer(call, "Accepted");
        assertFalse(closing.toCompletableFuture().isDone(), "done when the transaction starts");

        connector.onTransactionStarted(5, "EV-ANNA", 1000, Instant.now());
        RelayState closed = closing.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(closed.contactorClosed());
        assertEquals(16, closed.currentLimitA());
    }

    @Test
    void aRemoteStartTheChargePointRejectsFails() throws Exception {
        CompletionStage<RelayState> closing = relay.execute(new RelayCommand.CloseContactor(16));
        answer(next(), "Rejected");
        assertEquals(ErrorCode.CHARGE_POINT_REFUSED, refusal(closing).code());
        assertFalse(connector.startRequested());
    }

    @Test
    void aRemoteStartNoTransactionFollowsFailsInTime() throws Exception {
        CompletionStage<RelayState> closing = relay.execute(new RelayCommand.CloseContactor(16));
        answer(next(), "Accepted");
        assertTrue(refusal(closing).getMessage().contains("sent no StartTransaction"));
    }

    @Test
    void openingTheContactorStopsTheTransactionRemotely() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        CompletionStage<RelayState> opening = relay.execute(new RelayCommand.OpenContactor());
        JsonNode call = next();
        assertEquals("RemoteStopTransaction", call.get(2).asText());
        assertEquals(9, call.get(3).get("transactionId").asInt());
        answer(call, "Accepted");
        connector.onTransactionStopped(2000, Instant.now(), "Remote");
        assertFalse(opening.toCompletableFuture().get(5, TimeUnit.SECONDS).contactorClosed());
    }

    @Test
    void aRemoteStopTheChargePointRejectsIsAskedAgainAfterAPause() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        CompletionStage<RelayState> opening = relay.execute(new RelayCommand.OpenContactor());
        answer(next(), "Rejected");
        JsonNode again = next();
        assertEquals("RemoteStopTransaction", again.get(2).asText());
        assertFalse(opening.toCompletableFuture().isDone(), "not done while the charge point is asked again");
        answer(again, "Accepted");
        connector.onTransactionStopped(2000, Instant.now(), "Remote");

        assertFalse(opening.toCompletableFuture().get(5, TimeUnit.SECONDS).contactorClosed());
        assertEquals(List.of(), released, "stopped, not released");
    }

    @Test
    void aChargePointThatKeepsRefusingTheStopHasItsTransactionReleasedAtTheLastRegister() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        connector.onMeterValues(new MeterValues(Instant.now(), Optional.of(1400L), Optional.empty(), Optional.empty()));
        CompletionStage<RelayState> opening = relay.execute(new RelayCommand.OpenContactor());
        answer(next(), "Rejected");
        // accepted, but no StopTransaction follows in time: refused as well
        answer(next(), "Accepted");
        answer(next(), "Rejected");

        RelayState open = opening.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(open.contactorClosed(), "the session's contactor is open for the pile");
        assertEquals(List.of(List.of(9L, 1400L)), released, "its session ends at the register last reported");
        assertTrue(connector.stopWanted(), "told to stop again on its next connection");
        assertEquals(Optional.empty(), chargePoint.poll(Duration.ofMillis(300)), "asked 3 times, no more");
        assertEquals(Optional.of(9), connector.transaction(), "the transaction runs on in the charge point");
    }

    @Test
    void aNewLimitDuringATransactionIsATxProfileForIt() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        CompletionStage<RelayState> limiting = relay.execute(new RelayCommand.SetCurrentLimit(10));
        JsonNode call = next();
        assertEquals("SetChargingProfile", call.get(2).asText());
        assertEquals(9, call.get(3).get("csChargingProfiles").get("transactionId").asInt());
        answer(call, "Accepted");
        assertEquals(10, limiting.toCompletableFuture().get(5, TimeUnit.SECONDS).currentLimitA());
    }

    @Test
    void chargingATransactionTheChargePointStartedOnItsOwnTakesItOverForTheSession() throws Exception {
        connector.onTransactionStarted(11, "EV-ANNA", 1000, Instant.now());
        CompletionStage<RelayState> closing = relay.execute(new RelayCommand.CloseContactor(16));
        JsonNode call = next();
        assertEquals("SetChargingProfile", call.get(2).asText(), "no second transaction");
        answer(call, "Accepted");
        assertTrue(closing.toCompletableFuture().get(5, TimeUnit.SECONDS).contactorClosed());
        assertEquals(List.of(11), takenOver, "the session bills it");
    }

    @Test
    void aChargePointThatTakesPowerOnlyGetsItsLimitInWattsOverItsPhases() throws Exception {
        chargePoint.link.onlyPower(true);
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        relay.execute(new RelayCommand.SetCurrentLimit(16));
        JsonNode schedule = next().get(3).get("csChargingProfiles").get("chargingSchedule");
        assertEquals("W", schedule.get("chargingRateUnit").asText());
        assertEquals(16.0 * 3 * 230, schedule.get("chargingSchedulePeriod").get(0).get("limit").asDouble());
    }

    @Test
    void aTransactionTheChargePointStoppedIsNotStartedAgainForTheSameVehicle() throws Exception {
        connector.onStatus("Preparing");
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        // stopped at the charger while the gateway was down; the session resuming after the restart closes again
        Instant stoppedAt = Instant.parse("2026-12-03T23:06:21Z");
        connector.onTransactionStopped(2000, stoppedAt, "Local");
        connector.onStatus("Finishing");
        Refusal refused = refusal(relay.execute(new RelayCommand.CloseContactor(16)));
        assertEquals(ErrorCode.CHARGE_POINT_REFUSED, refused.code());
        assertEquals("CP-3: transaction 9 of connector 1 stopped by the charge point at " + stoppedAt
                + ", reason Local; charging again takes a new plug-in", refused.getMessage());
        assertTrue(chargePoint.nothingSent(), "no RemoteStartTransaction");
    }

    @Test
    void aTransactionOutlivesItsChargePointsConnection() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        CompletableFuture<RelayState> heard = new CompletableFuture<>();
        chargePoint.link.disconnected(chargePoint.endpoint);
        relay.subscribe(heard::complete);
        assertTrue(heard.get(5, TimeUnit.SECONDS).contactorClosed(), "published on while the charge point is away");
    }

    @Test
    void aStopWhileTheChargePointIsAwayReleasesTheTransactionAtTheRegisterLastReported() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        chargePoint.link.disconnected(chargePoint.endpoint);
        assertFalse(relay.execute(new RelayCommand.OpenContactor()).toCompletableFuture().get(5, TimeUnit.SECONDS)
                .contactorClosed(), "the session's contactor is open for the pile");
        assertEquals(List.of(List.of(9L, 1000L)), released, "its session ends there");
        assertTrue(connector.stopWanted(), "the charge point is told to stop once it is back");
        relay.execute(new RelayCommand.OpenContactor()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, released.size(), "released once");

        connector.onTransactionStopped(1500, Instant.now(), "Local");
        assertFalse(connector.stopWanted());
    }

    @Test
    void aSessionResumingWhileTheChargePointIsAwayTakesOverItsRunningTransaction() throws Exception {
        connector.onTransactionStarted(9, "EV-ANNA", 1000, Instant.now());
        chargePoint.link.disconnected(chargePoint.endpoint);
        RelayState resumed = relay.execute(new RelayCommand.CloseContactor(16)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertTrue(resumed.contactorClosed());
        assertEquals(16, connector.currentLimitA());
        assertEquals(List.of(9), takenOver, "the session bills it");
        assertFalse(connector.stopWanted(), "nothing to stop");
        assertTrue(chargePoint.nothingSent());
    }

    @Test
    void aChargePointOfflineRefusesEveryCommand() {
        chargePoint.link.disconnected(chargePoint.endpoint);
        assertFalse(relay.responsive());
        assertEquals(ErrorCode.CHARGE_POINT_OFFLINE, refusal(relay.execute(new RelayCommand.CloseContactor(16)))
                .code());
    }

    private void answer(JsonNode call, String status) {
        chargePoint.answer(call, status);
    }

    private JsonNode next() throws Exception {
        return chargePoint.next();
    }

    private static Refusal refusal(CompletionStage<?> stage) {
        return assertInstanceOf(Refusal.class, Stages.failure(stage));
    }
}
