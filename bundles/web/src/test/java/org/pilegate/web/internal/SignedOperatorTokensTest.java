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
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SignedOperatorTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final SignedOperatorTokens access = new SignedOperatorTokens(
            (user, password) -> "admin".equals(user) && "s3cret".equals(new String(password)),
            Duration.ofMinutes(30), clock);

    @Test
    void aTokenNamesTheOperatorUntilItExpires() {
        OperatorAccess.SignIn signIn = access.signIn("admin", "s3cret".toCharArray()).orElseThrow();

        assertEquals(Instant.parse("2026-11-26T08:30:00Z"), signIn.expiresAt());
        assertEquals(Optional.of("admin"), access.operatorOf(signIn.token()));
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), access.operatorOf(signIn.token()));
    }

    @Test
    void aWrongPasswordGivesNoToken() {
        assertEquals(Optional.empty(), access.signIn("admin", "guess".toCharArray()));
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String token = access.signIn("admin", "s3cret".toCharArray()).orElseThrow().token();
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        SignedOperatorTokens otherGateway = new SignedOperatorTokens((user, password) -> true, Duration.ofMinutes(30), clock);

        assertEquals(Optional.empty(), access.operatorOf(longer));
        assertEquals(Optional.empty(), otherGateway.operatorOf(token));
        assertEquals(Optional.empty(), access.operatorOf("admin"));
        assertEquals(Optional.empty(), access.operatorOf("..."));
        assertEquals(Optional.empty(), access.operatorOf("!!.x." + parts[2]));
    }

    @Test
    void repeatedFailuresLockTheAccountForAMinute() {
        for (int i = 0; i < SignedOperatorTokens.MAX_FAILURES; i++) {
            assertEquals(Optional.empty(), access.signIn("admin", "guess".toCharArray()));
        }

        assertThrows(OperatorAccess.TooManyAttempts.class, () -> access.signIn("admin", "s3cret".toCharArray()));
        clock.now = clock.now.plus(SignedOperatorTokens.FAILURE_WINDOW);
        assertTrue(access.signIn("admin", "s3cret".toCharArray()).isPresent());
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
