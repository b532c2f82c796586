package org.pilegate.api.secret;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SignInAttemptsTest {

    /** The monotonic clock; starts far from 0, as System.nanoTime may. */
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(10).toNanos());

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void twentyThousandWrongNamesAreNotAllRemembered() {
        SignInAttempts attempts = new SignInAttempts(5, Duration.ofMinutes(1), 1_000, nanos::get);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            try {
                attempts.reserve("name-" + i);
            } catch (SignInAttempts.Refused e) {
                refused++;
            }
        }
        assertEquals(1_000, attempts.remembered());
        assertEquals(19_000, refused, "beyond the bound within one window, new names wait");

        elapse(Duration.ofMinutes(1));
        assertDoesNotThrow(() -> attempts.reserve("admin"));
        assertEquals(1, attempts.remembered(), "what lapsed is forgotten");
    }

    @Test
    void aFloodOfMadeUpNamesDoesNotResetTheCountOfTheAccountUnderAttack() throws Exception {
        SignInAttempts attempts = new SignInAttempts(5, Duration.ofMinutes(1), 100, nanos::get);
        for (int i = 0; i < 5; i++) {
            attempts.reserve("admin");
        }
        for (int i = 0; i < 1_000; i++) {
            try {
                attempts.reserve("name-" + i);
            } catch (SignInAttempts.Refused full) {
                // the table is full: made-up names wait
            }
        }
        assertThrows(SignInAttempts.Refused.class, () -> attempts.reserve("admin"));
    }

    @Test
    void aSuccessStartsTheNameAfresh() throws Exception {
        SignInAttempts attempts = new SignInAttempts(2, Duration.ofMinutes(1), 10, nanos::get);
        attempts.reserve("T-1");
        attempts.reserve("T-1");
        assertThrows(SignInAttempts.Refused.class, () -> attempts.reserve("T-1"));
        attempts.succeeded("T-1");
        assertDoesNotThrow(() -> attempts.reserve("T-1"));
    }
}
