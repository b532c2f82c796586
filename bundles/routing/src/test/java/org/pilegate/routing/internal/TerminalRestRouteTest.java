package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;

class TerminalRestRouteTest {

    private static final TerminalId PHONE_1 = new TerminalId("phone-1");
    private static final String STOP = "{\"type\":\"stop_request\",\"session\":\"s-1\"}";
    private static final String PROMPT = "{\"type\":\"association_prompt\",\"pile\":\"bay-07\","
            + "\"associationToken\":\"%s\",\"expiresAt\":\"2026-11-26T09:00:00Z\"}";

    private final TerminalGateway gateway = new TerminalGateway();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String credential = gateway.credentials.issue(PHONE_1);

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void messageIsAnsweredWithTheArrayOfReplies() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of(
                prompt(((StopRequest) request).session() + "-for-" + terminal), prompt("second"))));

        HttpResponse<String> response = post(STOP, Optional.of("Bearer " + credential));

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals("[" + PROMPT.formatted("s-1-for-phone-1") + "," + PROMPT.formatted("second") + "]",
                response.body());
    }

    @Test
    void refusalOfThePileSideIsAnsweredWithItsCodesStatusAndTheErrorObject() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of(
                new ErrorReply(ErrorCode.NOT_BOUND, "the session is not bound to this terminal"))));

        HttpResponse<String> response = post(STOP, Optional.of("Bearer " + credential));

        assertEquals(403, response.statusCode());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals("{\"type\":\"error\",\"code\":\"not_bound\","
                + "\"message\":\"the session is not bound to this terminal\"}", response.body());
    }

    @Test
    void eachRefusalOfThePileSideGetsTheStatusOfItsCode() throws Exception {
        // the stop names the code to refuse it with
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of(new ErrorReply(
                ErrorCode.ofCode(((StopRequest) request).session().value()).orElseThrow(), "refused"))));
        Map<String, Integer> statusByCode = Map.of("unknown_session", 404, "pile_busy", 409, "session_ended", 409,
                "insufficient_balance", 402, "token_expired", 410, "target_too_large", 422, "pile_not_charging", 502,
                "service_busy", 503);

        for (Map.Entry<String, Integer> expected : statusByCode.entrySet()) {
            HttpResponse<String> response = post(STOP.replace("s-1", expected.getKey()),
                    Optional.of("Bearer " + credential));

            assertRefused(expected.getValue(), expected.getKey(), response);
        }
    }

    @Test
    void refusalThrownByThePileSideIsAnsweredAsOneItReturns() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> {
            throw new Refusal(ErrorCode.PILE_BUSY, "pile bay-07 is in use by another terminal");
        }));

        HttpResponse<String> response = post(STOP, Optional.of("Bearer " + credential));

        assertEquals(409, response.statusCode());
        assertEquals("{\"type\":\"error\",\"code\":\"pile_busy\","
                + "\"message\":\"pile bay-07 is in use by another terminal\"}", response.body());
    }

    @Test
    void replyWithAnErrorAmongOtherFramesIs200WithTheArray() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of(prompt("first"),
                new ErrorReply(ErrorCode.TOKEN_STALE, "use the latest prompt"))));

        HttpResponse<String> response = post(STOP, Optional.of("Bearer " + credential));

        assertEquals(200, response.statusCode());
        assertEquals("[" + PROMPT.formatted("first") + ",{\"type\":\"error\",\"code\":\"token_stale\","
                + "\"message\":\"use the latest prompt\"}]", response.body());
    }

    @Test
    void withoutCredentialTheAnswerIs401WithAnErrorAndAChallenge() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of()));
        for (Optional<String> authorization : List.of(Optional.<String>empty(), Optional.of(credential),
                Optional.of("Basic " + credential))) {
            HttpResponse<String> response = post(STOP, authorization);

            assertRefused(401, "unauthenticated", response);
            assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
        }
    }

    @Test
    void credentialInTheUrlIsNotTaken() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of()));
        String query = "?Authorization=" + URLEncoder.encode("Bearer " + credential, StandardCharsets.UTF_8);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        gateway.http(TerminalRestRoute.MESSAGES_PATH + query))
                .POST(HttpRequest.BodyPublishers.ofString(STOP))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertRefused(401, "unauthenticated", response);
    }

    @Test
    void badCredentialIs401WithoutSayingWhy() throws Exception {
        HttpResponse<String> response = post(STOP, Optional.of("Bearer phone-1.guessed"));

        assertEquals(401, response.statusCode());
        assertEquals("{\"type\":\"error\",\"code\":\"unauthenticated\",\"message\":\"authentication failed\"}",
                response.body());
    }

    @Test
    void aLockedTerminalIs429WithTooManyAttemptsForItsValidCredentialToo() throws Exception {
        for (int i = 0; i < FollowedCredentials.MAX_FAILURES; i++) {
            assertEquals(401, post(STOP, Optional.of("Bearer phone-1.guess-" + i)).statusCode());
        }

        HttpResponse<String> locked = post(STOP, Optional.of("Bearer " + credential));

        assertRefused(429, "too_many_attempts", locked);
        assertEquals(Optional.of("60"), locked.headers().firstValue("Retry-After"));
    }

    @Test
    void messagesTheGatewayCannotReadAre400() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of()));
        assertRefused(400, "malformed_json", post("{\"type\":", Optional.of("Bearer " + credential)));
        assertRefused(400, "unknown_type", post("{\"type\":\"teleport\"}", Optional.of("Bearer " + credential)));
        assertRefused(400, "invalid_message", post("{\"type\":\"stop_request\"}", Optional.of("Bearer " + credential)));
        assertRefused(400, "invalid_message", post("", Optional.of("Bearer " + credential)));
    }

    @Test
    void tooLargeMessageIs413() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of()));
        String padded = STOP.replace("s-1", "x".repeat(TerminalJson.MAX_MESSAGE_CHARS));
        assertRefused(413, "message_too_large", post(padded, Optional.of("Bearer " + credential)));

        assertRefused(413, "message_too_large", post("x".repeat(10 * TerminalJson.MAX_MESSAGE_CHARS),
                Optional.of("Bearer " + credential)));
    }

    @Test
    void withoutPileSideTheAnswerIs503() throws Exception {
        assertRefused(503, "service_unavailable", post(STOP, Optional.of("Bearer " + credential)));
        assertRefused(503, "service_unavailable", get(TerminalRestRoute.INBOX_PATH));
    }

    @Test
    void pileSideFailureIs500WithoutDetails() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> {
            throw new IllegalStateException("database password is hunter2");
        }));

        HttpResponse<String> response = post(STOP, Optional.of("Bearer " + credential));

        assertRefused(500, "internal_error", response);
        assertFalse(response.body().contains("hunter2") || response.body().contains("Exception"), response.body());
    }

    @Test
    void inboxHoldsWhatAConnectingTerminalWouldSee() throws Exception {
        gateway.pileSide(new PileSideStub((terminal, request) -> List.of(),
                terminal -> List.of(prompt("waiting-for-" + terminal))));

        HttpResponse<String> response = get(TerminalRestRoute.INBOX_PATH);

        assertEquals(200, response.statusCode());
        assertEquals("[" + PROMPT.formatted("waiting-for-phone-1") + "]", response.body());
    }

    @Test
    void requestHeadersAndTheCredentialAreNotEchoed() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> List.of()));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        gateway.http(TerminalRestRoute.MESSAGES_PATH + "?" + TerminalInboundRoute.TERMINAL_ID + "=x"))
                .header("Authorization", "Bearer " + credential)
                .header("X-Probe", "echo?")
                .POST(HttpRequest.BodyPublishers.ofString(STOP))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
        String headers = response.headers().map().toString();
        assertFalse(headers.contains(credential) || headers.contains("echo?")
                || headers.contains(TerminalInboundRoute.TERMINAL_ID), headers);
    }

    @Test
    void wrongMethodIsRefused() throws Exception {
        assertEquals(405, get(TerminalRestRoute.MESSAGES_PATH).statusCode());
    }

    private HttpResponse<String> post(String body, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.http(TerminalRestRoute.MESSAGES_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(gateway.http(path))
                .header("Authorization", "Bearer " + credential)
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"code\":\"" + code + "\","), response.body());
    }

    private static AssociationPrompt prompt(String token) {
        return new AssociationPrompt(new PileId("bay-07"), token, Instant.parse("2026-11-26T09:00:00Z"));
    }
}
