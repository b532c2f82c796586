package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;

class GreetingTest {

    private static final TerminalId PHONE = new TerminalId("anna-phone");
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private final PileLanes lanes = new PileLanes(Runnable::run, Runnable::run, Duration.ofSeconds(5));
    /** The piles asked for their prompts, in turn. */
    private final List<PileId> asked = new ArrayList<>();
    private final Greeting greeting = new Greeting(terminal -> List.of(message("stored for " + terminal)), lanes,
            (lane, terminal) -> {
                asked.add(lane.id);
                return List.of(message("prompt of " + lane.id + " for " + terminal));
            }, Runnable::run);

    @Test
    void aTerminalHearsWhatTheStoreHoldsThenThePromptsOfThePilesWaitingForATerminal() throws Exception {
        waiting(running("bay-07"));

        assertEquals(List.of(message("stored for anna-phone"), message("prompt of bay-07 for anna-phone")), greet());
    }

    @Test
    void pilesWithNoSessionOrOneBoundAlreadyAreNotAsked() throws Exception {
        running("bay-07");
        PileLane bound = running("bay-08");
        bound.open = Optional.of(opened(bound).boundTo(new TerminalId("boris-phone")));

        assertEquals(List.of(message("stored for anna-phone")), greet());
        assertEquals(List.of(), asked);
    }

    @Test
    void aPileThatIsNotRunningAddsNothing() throws Exception {
        PileLane notRunning = lanes.of(new PileId("bay-07"));
        waiting(notRunning);
        waiting(running("bay-08"));

        assertEquals(List.of(message("stored for anna-phone"), message("prompt of bay-08 for anna-phone")), greet());
        assertEquals(List.of(new PileId("bay-08")), asked);
    }

    private List<TerminalOutbound> greet() throws Exception {
        return greeting.of(PHONE).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private PileLane running(String pile) {
        PileLane lane = lanes.of(new PileId(pile));
        lane.pile = new FakePileController(pile, 0);
        return lane;
    }

    private static void waiting(PileLane lane) {
        lane.open = Optional.of(opened(lane));
    }

    private static SessionRecord opened(PileLane lane) {
        return SessionRecord.opened(lane.id, Optional.empty(), Optional.empty(), 0, T0);
    }

    private static ErrorReply message(String text) {
        return new ErrorReply(ErrorCode.NOTHING_DUE, text);
    }
}
