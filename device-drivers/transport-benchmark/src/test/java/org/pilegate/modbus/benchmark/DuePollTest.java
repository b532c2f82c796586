package org.pilegate.modbus.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.ModbusTimeoutException;
import org.pilegate.modbus.RegisterBlock;

class DuePollTest {

    private static final Duration PERIOD = Duration.ofMillis(1000);

    private final Tally tally = new Tally();
    private static final long FIRST_DUE = 5_000_000_000L;

    private long now = FIRST_DUE - 400_000_000L;
    private final DuePoll poll = new DuePoll(tally, PERIOD, FIRST_DUE, () -> now);

    DuePollTest() {
        tally.startRecording();
    }

    @Test
    void answersWithinThePeriodAreTimedFromTheirOwnRun() {
        answerAt(3);
        answerAt(1_002);
        answerAt(2_250);

        assertEquals(new Tally.Latency(Duration.ofMillis(3), Duration.ofMillis(250)), tally.latency().orElseThrow());
    }

    @Test
    void anAnswerLaterThanAPeriodBelongsToTheRunThatWasDue() {
        answerAt(1_400);
        // the run due at 1000 ms was skipped, the one due at 2000 ms is answered
        answerAt(2_010);

        assertEquals(new Tally.Latency(Duration.ofMillis(10), Duration.ofMillis(1_400)),
                tally.latency().orElseThrow());
    }

    @Test
    void aRunFiredLateIsNotTimedFromTheFuture() {
        // the run due at 0 ms is answered just after the next one fell due, which the scheduler fires a bit late
        answerAt(1_001);
        answerAt(1_300);

        assertEquals(new Tally.Latency(Duration.ofMillis(300), Duration.ofMillis(1_001)),
                tally.latency().orElseThrow());
    }

    @Test
    void failuresMoveOnToTheNextRun() {
        now = FIRST_DUE + Duration.ofMillis(1_500).toNanos();
        poll.onFailure(new ModbusTimeoutException("no answer", null));
        answerAt(2_005);

        assertEquals(1, tally.failed());
        assertEquals(Duration.ofMillis(5), tally.latency().orElseThrow().p50());
    }

    private void answerAt(long millisAfterFirstDue) {
        now = FIRST_DUE + Duration.ofMillis(millisAfterFirstDue).toNanos();
        poll.onData(RegisterBlock.of(0), now);
    }
}
