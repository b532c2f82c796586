package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.TerminalId;

class FollowedCredentialsTest {

    private static final TerminalId PHONE_1 = new TerminalId("phone-1");
    private static final TerminalId PHONE_2 = new TerminalId("phone-2");
    private static final String OUTSIDE = "203.0.113.7";

    /** The monotonic clock; starts far from 0, as System.nanoTime may. */
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(10).toNanos());
    private final CredentialsStub credentials = new CredentialsStub();
    private final FollowedCredentials authenticator = new FollowedCredentials(credentials, nanos::get);

    @Test
    void withoutTheCredentialsServiceLoginsAreAskedToRetry() {
        TerminalMessageException refused = assertThrows(TerminalMessageException.class,
                () -> new FollowedCredentials().authenticate("phone-1.secret", OUTSIDE));

        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.reply().code());
    }

    @Test
    void credentialsAreCheckedByTheService() {
        String issued = credentials.issue(PHONE_1);

        assertEquals(Optional.of(PHONE_1), authenticator.authenticate(issued, OUTSIDE));
        assertEquals(Optional.empty(), authenticator.authenticate("phone-1.wrong", OUTSIDE));
    }

    @Test
    void aTerminalGuessedAtFromManyAddressesIsLockedForAMinuteItsValidCredentialIncluded() {
        String issued = credentials.issue(PHONE_1);
        for (int i = 0; i < FollowedCredentials.MAX_FAILURES; i++) {
            assertEquals(Optional.empty(), authenticator.authenticate("phone-1.guess-" + i, "198.51.100." + i));
        }

        TerminalMessageException locked = assertThrows(TerminalMessageException.class,
                () -> authenticator.authenticate(issued, OUTSIDE));
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, locked.reply().code());
        assertEquals("too many failed authentications for terminal 'phone-1' lately; nothing was checked, try again"
                + " in a minute", locked.reply().message());
        assertEquals(Optional.of(PHONE_2), authenticator.authenticate(credentials.issue(PHONE_2), OUTSIDE),
                "other terminals, and the address, are not held");

        nanos.addAndGet(FollowedCredentials.FAILURE_WINDOW.toNanos());
        assertEquals(Optional.of(PHONE_1), authenticator.authenticate(issued, OUTSIDE));
    }

    @Test
    void anAddressGuessingAtManyTerminalsIsLockedButLoopbackClientsAreNot() {
        String issued = credentials.issue(PHONE_1);
        for (int i = 0; i < FollowedCredentials.MAX_FAILURES; i++) {
            authenticator.authenticate("terminal-" + i + ".guess", OUTSIDE);
            authenticator.authenticate("terminal-" + i + ".guess", "127.0.0.1");
        }

        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, assertThrows(TerminalMessageException.class,
                () -> authenticator.authenticate(issued, OUTSIDE)).reply().code());
        assertEquals(Optional.of(PHONE_1), authenticator.authenticate(issued, "198.51.100.1"));
        assertEquals(Optional.of(PHONE_1), authenticator.authenticate(issued, "127.0.0.1"));
    }

    @Test
    void fiftyParallelGuessesForOneTerminalReachTheCheckFiveTimesAtMost() throws Exception {
        credentials.issue(PHONE_1);
        credentials.answerAfter(Duration.ofMillis(50));
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger locked = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService guessers = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String from = "198.51.100." + i;
                guesses.add(guessers.submit(() -> {
                    start.await();
                    try {
                        authenticator.authenticate("phone-1.guess", from);
                        checked.incrementAndGet();
                    } catch (TerminalMessageException e) {
                        locked.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> guess : guesses) {
                guess.get(10, TimeUnit.SECONDS);
            }
        } finally {
            guessers.shutdownNow();
        }
        assertEquals(FollowedCredentials.MAX_FAILURES, checked.get());
        assertTrue(locked.get() == 50 - FollowedCredentials.MAX_FAILURES, "locked: " + locked.get());
    }
}
