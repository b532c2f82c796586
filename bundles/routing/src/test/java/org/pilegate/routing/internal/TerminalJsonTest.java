package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingTargets;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingPromise;
import org.pilegate.api.terminal.ChargingPrompt;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalMessage;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.vehicle.VehicleId;

class TerminalJsonTest {

    private static final PileId PILE = new PileId("bay-07");
    private static final SessionId SESSION = new SessionId("s-42");
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");

    private final TerminalJson json = new TerminalJson();

    static Stream<Arguments> everyMessageKind() {
        Money fee = Money.of(1234, "EUR");
        return Stream.of(
                new ChargingRequest(PILE, new ChargingTargets(Optional.of(20_000L), Optional.of(Money.of(1500, "EUR")),
                        Optional.of(AT.plusSeconds(3600)))),
                new ChargingRequest(PILE, ChargingTargets.none()),
                new AssociationRequest(PILE, "tok.en-1", new TerminalId("phone-1")),
                new StopRequest(SESSION),
                new PaymentConfirmation(SESSION, "fee-1"),
                new ChargingPrompt(PILE, Optional.of(new VehicleId("04A2B9C1")), AT, 32, Optional.of("0.39 EUR/kWh")),
                new AssociationPrompt(PILE, "tok.en-1", AT.plusSeconds(120)),
                new StatusUpdate(SESSION, PILE, 7, SessionState.CHARGING, 11_000, 5_500, Duration.ofMinutes(30),
                        Optional.of(Money.of(215, "EUR")), AT),
                new ChargingPromise(SESSION, PILE, false, 18_400, Optional.of(AT.plusSeconds(7200)),
                        Optional.of(Money.of(914, "EUR")), "feeder board-b, phase L2 at 63 A", AT),
                new FeeNotice(SESSION, "fee-1", fee, List.of(new FeeLine(FeeLine.Component.ENERGY, 20_000, "Wh",
                        Money.of(1037, "EUR"), Optional.of(Money.of(197, "EUR")))), AT),
                new ErrorReply(ErrorCode.PILE_BUSY, "another session is charging at bay-07"))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("everyMessageKind")
    void everyMessageSurvivesTheWire(TerminalMessage message) {
        String text = json.encode(message);

        assertTrue(text.startsWith("{\"type\":\"" + message.type() + "\""), text);
        Class<? extends TerminalMessage> side = message instanceof TerminalInbound
                ? TerminalInbound.class : TerminalOutbound.class;
        assertEquals(message, json.decode(text, side));
    }

    @Test
    void everyMessageTypeIsRegisteredUnderItsWireName() {
        List<String> expected = Stream.of(TerminalInbound.class, TerminalOutbound.class)
                .flatMap(side -> Arrays.stream(side.getPermittedSubclasses()))
                .map(TerminalJsonTest::wireName)
                .sorted().toList();
        assertEquals(expected, TerminalJson.allTypeNames().stream().sorted().toList());
    }

    @Test
    void identifiersTimesAndMoneyHaveAPlainShape() {
        String text = json.encode(new ChargingRequest(PILE, new ChargingTargets(Optional.empty(),
                Optional.of(Money.of(1500, "EUR")), Optional.of(AT))));
        assertEquals("{\"type\":\"charging_request\",\"pile\":\"bay-07\",\"targets\":{\"energyWh\":null,"
                + "\"budget\":{\"minorUnits\":1500,\"currency\":\"EUR\"},\"departure\":\"2026-11-26T08:00:00Z\"}}", text);
    }

    @Test
    void absentOptionalFieldsAreEmpty() {
        ChargingRequest request = (ChargingRequest) json.decode(
                "{\"type\":\"charging_request\",\"pile\":\"bay-07\",\"targets\":{}}", TerminalInbound.class);
        assertEquals(ChargingTargets.none(), request.targets());
    }

    @Test
    void malformedJsonSaysWhere() {
        ErrorReply reply = rejected("{\"type\":\"stop_request\",\n \"session\": }");
        assertEquals(ErrorCode.MALFORMED_JSON, reply.code());
        assertTrue(reply.message().startsWith("not valid JSON at line 2, column 13"), reply.message());
    }

    @Test
    void unknownTypeListsTheExpectedOnes() {
        ErrorReply reply = rejected("{\"type\":\"fee_notice\",\"session\":\"s-42\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, reply.code());
        assertEquals("unknown message type \"fee_notice\"; expected one of charging_request, association_request,"
                + " stop_request, payment_confirmation, resume_request, prompt_request", reply.message());
    }

    @Test
    void missingTypeIsNamed() {
        ErrorReply reply = rejected("{\"session\":\"s-42\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, reply.code());
        assertTrue(reply.message().startsWith("the message has no \"type\""), reply.message());
    }

    @Test
    void missingFieldIsNamed() {
        ErrorReply reply = rejected("{\"type\":\"charging_request\",\"targets\":{}}");
        assertEquals(ErrorCode.INVALID_MESSAGE, reply.code());
        assertEquals("pile is required", reply.message());
    }

    @Test
    void invalidIdentifierSaysWhichFieldAndWhy() {
        ErrorReply reply = rejected("{\"type\":\"charging_request\",\"pile\":\"bay 07\",\"targets\":{}}");
        assertEquals(ErrorCode.INVALID_MESSAGE, reply.code());
        assertEquals("pile: pile id must match [A-Za-z0-9._-]{1,64}: 'bay 07'", reply.message());
    }

    @Test
    void invalidNestedValueSaysWhere() {
        ErrorReply reply = rejected("{\"type\":\"charging_request\",\"pile\":\"bay-07\",\"targets\":{\"energyWh\":-5}}");
        assertEquals(ErrorCode.INVALID_MESSAGE, reply.code());
        assertEquals("targets: energyWh must be positive: -5", reply.message());
    }

    @Test
    void unknownFieldIsRefused() {
        ErrorReply reply = rejected("{\"type\":\"stop_request\",\"session\":\"s-42\",\"force\":true}");
        assertEquals(ErrorCode.INVALID_MESSAGE, reply.code());
        assertEquals("unknown field \"force\"", reply.message());
    }

    @Test
    void emptyNullAndOversizedMessagesAreRefused() {
        assertEquals(ErrorCode.INVALID_MESSAGE, rejected(" ").code());
        assertEquals(ErrorCode.INVALID_MESSAGE, rejected("null").code());
        ErrorReply tooLarge = rejected("{\"type\":\"stop_request\",\"session\":\""
                + "x".repeat(TerminalJson.MAX_MESSAGE_CHARS) + "\"}");
        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, tooLarge.code());
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsMemory() {
        // fields before "type" are buffered, so this nesting is parsed before any mapping
        String deep = "{\"padding\":" + "[".repeat(100) + "]".repeat(100) + ",\"type\":\"stop_request\"}";
        ErrorReply reply = rejected(deep);
        assertEquals(ErrorCode.MALFORMED_JSON, reply.code());
        assertTrue(reply.message().contains("nesting depth"), reply.message());
    }

    @Test
    void trailingContentIsRefused() {
        assertEquals(ErrorCode.INVALID_MESSAGE, rejected("{\"type\":\"stop_request\",\"session\":\"s-42\"} {}").code());
    }

    private ErrorReply rejected(String text) {
        return assertThrows(TerminalMessageException.class, () -> json.decode(text, TerminalInbound.class)).reply();
    }

    private static String wireName(Class<?> type) {
        try {
            return (String) type.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " has no TYPE constant", e);
        }
    }
}
