package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;

class TerminalWebSocketRouteTest {

    private static final TerminalId PHONE_1 = new TerminalId("phone-1");
    private static final TerminalId PHONE_2 = new TerminalId("phone-2");
    private static final Instant EXPIRES = Instant.parse("2026-11-26T09:00:00Z");
    private static final String UNAUTHENTICATED = "{\"type\":\"error\",\"code\":\"unauthenticated\"";

    private final List<TerminalInbound> received = new CopyOnWriteArrayList<>();
    private TerminalGateway gateway = new TerminalGateway();

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void firstFrameAuthenticatesAndTheTerminalIsGreetedWithWhatThePileSideSays() throws Exception {
        gateway.pileSide(new PileSideStub((terminal, request) -> List.of(),
                terminal -> List.of(prompt("waiting-for-" + terminal))));

        String credential = gateway.credentials.issue(PHONE_1);
        try (TerminalSocket socket = TerminalSocket.connect(gateway.webSocket()).send(authenticate(credential))) {
            assertEquals("{\"type\":\"authenticated\",\"terminal\":\"phone-1\"}", socket.next());
            assertEquals("{\"type\":\"association_prompt\",\"pile\":\"bay-07\","
                    + "\"associationToken\":\"waiting-for-phone-1\",\"expiresAt\":\"2026-11-26T09:00:00Z\"}",
                    socket.next());
        }
    }

    @Test
    void badCredentialIsRefusedWithoutSayingWhyAndTheConnectionClosedAfterThreeTries() throws Exception {
        gateway.credentials.issue(PHONE_1);
        try (TerminalSocket socket = TerminalSocket.connect(gateway.webSocket())) {
            for (int attempt = 1; attempt <= TerminalWebSocketRoute.MAX_REFUSED_FRAMES; attempt++) {
                socket.send(authenticate("phone-1.guessed"));
                assertEquals(UNAUTHENTICATED + ",\"message\":\"authentication failed\"}", socket.next());
            }
            assertEquals(TerminalConnection.POLICY_VIOLATION, socket.closeStatus());
        }
    }

    @Test
    void framesBeforeAuthenticationAreRefusedAndAuthenticationStillWorks() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        String credential = gateway.credentials.issue(PHONE_1);
        try (TerminalSocket socket = TerminalSocket.connect(gateway.webSocket())) {
            socket.send(stop("s-1"));
            assertTrue(socket.next().startsWith(UNAUTHENTICATED + ",\"message\":\"authenticate first"));

            socket.send(authenticate(credential));
            assertTrue(socket.next().contains("\"authenticated\""));
            socket.send(stop("s-1"));
            assertTrue(socket.next().contains("\"associationToken\":\"s-1\""));
        }
        assertEquals(List.of(new StopRequest(new SessionId("s-1"))), received);
    }

    @Test
    void connectionThatDoesNotAuthenticateInTimeIsClosed() throws Exception {
        gateway.close();
        gateway = new TerminalGateway(Duration.ofSeconds(1));
        try (TerminalSocket socket = TerminalSocket.connect(gateway.webSocket())) {
            assertEquals(UNAUTHENTICATED + ",\"message\":\"no authentication within 1 s\"}", socket.next());
            assertEquals(TerminalConnection.POLICY_VIOLATION, socket.closeStatus());
        }
    }

    @Test
    void aFirstFrameThatCameInTimeIsAuthenticatedHoweverLongItWaitedToBeHandled() throws Exception {
        gateway.close();
        gateway = new TerminalGateway(Duration.ofSeconds(1));
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        String credential = gateway.credentials.issue(PHONE_1);
        gateway.credentials.answerAfter(Duration.ofMillis(1_500));
        try (TerminalSocket socket = TerminalSocket.connect(gateway.webSocket()).send(authenticate(credential))) {
            assertEquals("{\"type\":\"authenticated\",\"terminal\":\"phone-1\"}", socket.next());
            socket.assertNothingWithin(Duration.ofMillis(300));
        }
    }

    @Test
    void queryParameterCannotPoseAsTheTerminal() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        URI forged = URI.create(gateway.webSocket() + "?" + TerminalInboundRoute.TERMINAL_ID + "=phone-1");
        try (TerminalSocket socket = TerminalSocket.connect(forged)) {
            socket.send(stop("s-1"));
            assertTrue(socket.next().startsWith(UNAUTHENTICATED));
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void repliesComeBackInTheOrderOfTheRequestsWhichThePileSideGetsOneAtATime() throws Exception {
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        gateway.pileSide(PileSideStub.answering((terminal, request) -> {
            if (inProgress.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            pause(Duration.ofMillis(request.hashCode() & 7));
            inProgress.decrementAndGet();
            String session = ((StopRequest) request).session().value();
            return List.of(prompt(session + "-a"), prompt(session + "-b"));
        }));
        int requests = 30;
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            for (int i = 0; i < requests; i++) {
                socket.send(stop("s-" + i));
            }
            List<String> expected = new ArrayList<>();
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                expected.add("s-" + i + "-a");
                expected.add("s-" + i + "-b");
                replies.add(token(socket.next()));
                replies.add(token(socket.next()));
            }
            assertEquals(expected, replies);
        }
        assertEquals(0, overlaps.get());
    }

    @Test
    void malformedFrameGetsAnErrorAndTheConnectionGoesOn() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            socket.send("{\"type\":\"stop_request\",");
            assertTrue(socket.next().startsWith("{\"type\":\"error\",\"code\":\"malformed_json\""));
            socket.send("{\"type\":\"teleport\"}");
            assertTrue(socket.next().startsWith("{\"type\":\"error\",\"code\":\"unknown_type\""));

            socket.send(stop("s-9"));
            assertEquals("s-9", token(socket.next()));
            socket.assertOpen();
        }
    }

    @Test
    void malformedFrameOnOneConnectionLeavesTheOthersAlone() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        try (TerminalSocket careless = authenticated(PHONE_1); TerminalSocket careful = authenticated(PHONE_2)) {
            careless.send("not json");
            careful.send(stop("s-2"));
            assertEquals("s-2", token(careful.next()));
            assertTrue(careless.next().contains("\"malformed_json\""));
            careful.assertNothingWithin(Duration.ofMillis(200));
        }
    }

    @Test
    void pileSideFailureBecomesAnInternalErrorWithoutDetails() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> {
            throw new IllegalStateException("database password is hunter2");
        }));
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            socket.send(stop("s-1"));
            String reply = socket.next();
            assertTrue(reply.contains("\"code\":\"internal_error\""), reply);
            assertFalse(reply.contains("hunter2") || reply.contains("Exception"), reply);
        }
    }

    @Test
    void binaryFrameIsRefused() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            socket.sendBinary(stop("s-1"));
            assertTrue(socket.next().contains("\"code\":\"invalid_message\""));
        }
    }

    @Test
    void pushReachesEveryConnectionOfThatTerminalAndNoOtherInOrderWithReplies() throws Exception {
        gateway.pileSide(PileSideStub.answering((terminal, request) -> {
            // what a request sets off is pushed before its reply is returned, so it leaves first
            gateway.connections.push(terminal, prompt("pushed-while-handling"));
            return List.of(prompt("reply"));
        }));
        try (TerminalSocket phone = authenticated(PHONE_1); TerminalSocket tablet = authenticated(PHONE_1);
                TerminalSocket other = authenticated(PHONE_2)) {
            phone.send(stop("s-1"));
            assertEquals("pushed-while-handling", token(phone.next()));
            assertEquals("reply", token(phone.next()));
            assertTrue(gateway.connections.push(PHONE_1, prompt("pushed-later")));
            assertEquals("pushed-later", token(phone.next()));

            assertEquals("pushed-while-handling", token(tablet.next()));
            assertEquals("pushed-later", token(tablet.next()));
            tablet.assertNothingWithin(Duration.ofMillis(200));
            other.assertNothingWithin(Duration.ofMillis(200));
        }
        assertFalse(gateway.connections.push(new TerminalId("nobody"), prompt("lost")));
        awaitTrue(() -> !gateway.connections.push(PHONE_1, prompt("after closing")));
    }

    @Test
    void aTerminalThatStopsReadingIsDisconnectedInsteadOfQueueingPushesWithoutEnd() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        // 200 MB of pushes at most: without a cap every one of them would be queued for the stalled terminal
        int maxPushes = 20_000;
        String bulky = "x".repeat(10_000);
        try (TerminalSocket stalled = authenticated(PHONE_1); TerminalSocket reading = authenticated(PHONE_2)) {
            stalled.stopReading();
            int pushes = 0;
            while (gateway.connections.push(PHONE_1, prompt(bulky)) && pushes < maxPushes) {
                pushes++;
            }
            assertTrue(pushes < maxPushes, "still queueing for the stalled terminal after " + pushes + " pushes");
            assertFalse(gateway.connections.push(PHONE_1, prompt("after giving up")));

            assertTrue(gateway.connections.push(PHONE_2, prompt("still served")));
            assertEquals("still served", token(reading.next()));
        }
    }

    @Test
    void pushesDuringTheGreetingFollowIt() throws Exception {
        Map<TerminalId, Boolean> pushedDuringGreeting = new ConcurrentHashMap<>();
        gateway.pileSide(new PileSideStub((terminal, request) -> List.of(), terminal -> {
            pushedDuringGreeting.put(terminal, gateway.connections.push(terminal, prompt("newer")));
            return List.of(prompt("snapshot"));
        }));
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            assertEquals("snapshot", token(socket.next()));
            assertEquals("newer", token(socket.next()));
        }
        assertEquals(Map.of(PHONE_1, true), pushedDuringGreeting);
    }

    @Test
    void presenceCountsOpenConnectionsAndTerminalsThatAuthenticated() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        try (TerminalSocket anonymous = TerminalSocket.connect(gateway.webSocket());
                TerminalSocket phone = authenticated(PHONE_1);
                TerminalSocket secondOfPhone = authenticated(PHONE_1)) {
            awaitTrue(() -> gateway.connections.openConnections() == 3);
            assertEquals(1, gateway.connections.connectedTerminals());
        }
        awaitTrue(() -> gateway.connections.openConnections() == 0);
        assertEquals(0, gateway.connections.connectedTerminals());
    }

    @Test
    void webSocketAndRestShareThePort() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            assertEquals(gateway.webSocket().getPort(),
                    gateway.http(TerminalRestRoute.MESSAGES_PATH).getPort());
        }
    }

    @Test
    void endpointsMoveToANewPortWhenReconfigured() throws Exception {
        gateway.pileSide(PileSideStub.answering(this::recordAndPrompt));
        int oldPort = gateway.webSocket().getPort();
        gateway.listenOn(GatewayHttpFixture.freePort());
        assertTrue(gateway.webSocket().getPort() != oldPort);
        try (TerminalSocket socket = authenticated(PHONE_1)) {
            socket.send(stop("s-1"));
            assertEquals("s-1", token(socket.next()));
        }
    }

    /** A connection the terminal has authenticated on, the authenticated frame taken. */
    private TerminalSocket authenticated(TerminalId terminal) throws Exception {
        TerminalSocket socket = TerminalSocket.connect(gateway.webSocket())
                .send(authenticate(gateway.credentials.issue(terminal)));
        assertEquals("{\"type\":\"authenticated\",\"terminal\":\"" + terminal + "\"}", socket.next());
        return socket;
    }

    private List<TerminalOutbound> recordAndPrompt(TerminalId terminal,
            TerminalInbound request) {
        received.add(request);
        return List.of(prompt(((StopRequest) request).session().value()));
    }

    private static AssociationPrompt prompt(String token) {
        return new AssociationPrompt(new PileId("bay-07"), token, EXPIRES);
    }

    private static String authenticate(String credential) {
        return "{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}";
    }

    private static String stop(String session) {
        return "{\"type\":\"stop_request\",\"session\":\"" + session + "\"}";
    }

    private static String token(String frame) {
        int start = frame.indexOf("\"associationToken\":\"") + "\"associationToken\":\"".length();
        return frame.substring(start, frame.indexOf('"', start));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(TerminalSocket.WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + TerminalSocket.WAIT);
            }
            pause(Duration.ofMillis(50));
        }
    }
}
