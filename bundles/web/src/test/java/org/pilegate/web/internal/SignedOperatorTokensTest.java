package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

class SignedOperatorTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T08:00:00Z"));
    /** The monotonic clock; starts far from 0, as System.nanoTime may. */
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(10).toNanos());
    private final SignedOperatorTokens access = new SignedOperatorTokens(
            (user, password) -> "admin".equals(user) && "s3cret".equals(new String(password)),
            Duration.ofMinutes(30), clock, nanos::get);

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        clock.now = clock.now.plus(duration);
    }

    @Test
    void aTokenNamesTheOperatorUntilItExpires() {
        OperatorAccess.SignIn signIn = access.signIn("admin", "s3cret".toCharArray()).orElseThrow();

        assertEquals(Instant.parse("2026-11-26T08:30:00Z"), signIn.expiresAt());
        assertEquals(Optional.of("admin"), access.operatorOf(signIn.token()));
        elapse(Duration.ofMinutes(30).minusNanos(1));
        assertEquals(Optional.of("admin"), access.operatorOf(signIn.token()));
        elapse(Duration.ofNanos(1));
        assertEquals(Optional.empty(), access.operatorOf(signIn.token()));
    }

    @Test
    void aStepOfTheWallClockNeitherEndsNorProlongsASignIn() {
        String token = access.signIn("admin", "s3cret".toCharArray()).orElseThrow().token();

        clock.now = clock.now.plus(Duration.ofHours(1));
        assertEquals(Optional.of("admin"), access.operatorOf(token), "forward an hour: still signed in");
        clock.now = clock.now.minus(Duration.ofHours(2));
        elapse(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), access.operatorOf(token), "back an hour: still over after 30 minutes");
    }

    @Test
    void aWrongPasswordGivesNoToken() {
        assertEquals(Optional.empty(), access.signIn("admin", "guess".toCharArray()));
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String token = access.signIn("admin", "s3cret".toCharArray()).orElseThrow().token();
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 3_600_000_000_000L) + "." + parts[2];
        SignedOperatorTokens otherGateway = new SignedOperatorTokens((user, password) -> true, Duration.ofMinutes(30),
                clock, nanos::get);

        assertEquals(Optional.empty(), access.operatorOf(longer));
        assertEquals(Optional.empty(), otherGateway.operatorOf(token));
        assertEquals(Optional.empty(), access.operatorOf("admin"));
        assertEquals(Optional.empty(), access.operatorOf("..."));
        assertEquals(Optional.empty(), access.operatorOf("!!.x." + parts[2]));
    }

    @Test
    void repeatedFailuresLockTheAccountForAMinuteWhateverTheWallClockDoes() {
        for (int i = 0; i < SignedOperatorTokens.MAX_FAILURES; i++) {
            assertEquals(Optional.empty(), access.signIn("admin", "guess".toCharArray()));
        }

        assertThrows(OperatorAccess.TooManyAttempts.class, () -> access.signIn("admin", "s3cret".toCharArray()));
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThrows(OperatorAccess.TooManyAttempts.class, () -> access.signIn("admin", "s3cret".toCharArray()),
                "the wall clock an hour on lifts no lock-out");
        elapse(SignedOperatorTokens.FAILURE_WINDOW);
        assertTrue(access.signIn("admin", "s3cret".toCharArray()).isPresent());
    }

    @Test
    void fiftyGuessesInParallelGetNoMoreChecksThanTheLimit() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        CountDownLatch inCheck = new CountDownLatch(1);
        SignedOperatorTokens slow = new SignedOperatorTokens((user, password) -> {
            checked.incrementAndGet();
            try {
                inCheck.await(); // every guess overlaps every other
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, Duration.ofMinutes(30), clock, nanos::get);
        ExecutorService guessers = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> refused = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                refused.add(guessers.submit(() -> {
                    start.await();
                    try {
                        slow.signIn("admin", "guess".toCharArray());
                        return false;
                    } catch (OperatorAccess.TooManyAttempts e) {
                        return true;
                    }
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (refused.stream().filter(Future::isDone).count() < 50 - SignedOperatorTokens.MAX_FAILURES
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            inCheck.countDown();
            int refusals = 0;
            for (Future<Boolean> each : refused) {
                refusals += each.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertEquals(SignedOperatorTokens.MAX_FAILURES, checked.get(), "passwords checked");
            assertEquals(50 - SignedOperatorTokens.MAX_FAILURES, refusals);
        } finally {
            guessers.shutdownNow();
        }
    }

    @Test
    void anOverlongNameIsNeverChecked() {
        AtomicInteger checked = new AtomicInteger();
        SignedOperatorTokens counting = new SignedOperatorTokens((user, password) -> checked.incrementAndGet() < 0,
                Duration.ofMinutes(30), clock, nanos::get);

        assertEquals(Optional.empty(), counting.signIn("a".repeat(SignedOperatorTokens.MAX_NAME_LENGTH + 1),
                "guess".toCharArray()));
        assertEquals(Optional.empty(), counting.signIn("a".repeat(SignedOperatorTokens.MAX_NAME_LENGTH),
                "guess".toCharArray()));
        assertEquals(1, checked.get());
    }

    @Test
    void aConfigurationUpdateKeepsOperatorsSignedInAndLaterSignInsFollowIt() {
        String before = access.signIn("admin", "s3cret".toCharArray()).orElseThrow().token();

        access.apply((user, password) -> "admin".equals(user) && "n3w".equals(new String(password)),
                Duration.ofMinutes(60));

        assertEquals(Optional.of("admin"), access.operatorOf(before));
        assertEquals(Optional.empty(), access.signIn("admin", "s3cret".toCharArray()));
        OperatorAccess.SignIn after = access.signIn("admin", "n3w".toCharArray()).orElseThrow();
        assertEquals(Instant.parse("2026-11-26T09:00:00Z"), after.expiresAt());
        assertEquals(Duration.ofMinutes(60), after.lifetime());
    }

    @Test
    void aWrongUpdateIsRefusedNamingTheKeyAndSignInKeepsItsLastGoodSettings() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> access.modified(config("karaf", "admin", 0)));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> access.modified(config("karaf", "admin", 1441)));
        IllegalArgumentException noRealm = assertThrows(IllegalArgumentException.class,
                () -> access.modified(config(" ", "admin", 60)));

        assertEquals("org.pilegate.web: signInMinutes must be 1..1440, not 0", tooShort.getMessage());
        assertEquals("org.pilegate.web: signInMinutes must be 1..1440, not 1441", tooLong.getMessage());
        assertEquals("org.pilegate.web: realm must not be empty", noRealm.getMessage());
        // still the stub login and 30 minutes, not the JAAS realm of the refused updates
        OperatorAccess.SignIn signIn = access.signIn("admin", "s3cret".toCharArray()).orElseThrow();
        assertEquals(Duration.ofMinutes(30), signIn.lifetime());
    }

    private static WebConfig config(String realm, String role, int signInMinutes) {
        return new WebConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebConfig.class;
            }

            @Override
            public String realm() {
                return realm;
            }

            @Override
            public String role() {
                return role;
            }

            @Override
            public int signInMinutes() {
                return signInMinutes;
            }
        };
    }

    private static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
