package org.pilegate.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Operator sign-in for the dashboard and its API: a password checked once for a signed, expiring token. */
public interface OperatorAccess {

    /** A successful sign-in, lasting {@code lifetime} until {@code expiresAt}. */
    record SignIn(String user, String token, Instant expiresAt, Duration lifetime) {
    }

    /** Too many failed attempts for an account lately; nothing was checked. */
    final class TooManyAttempts extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooManyAttempts(String user) {
            super("too many failed sign-ins for '" + user + "'; try again in a minute");
        }
    }

    /**
     * @return the sign-in, empty for a wrong name or password
     * @throws TooManyAttempts after too many failures of the account lately
     */
    Optional<SignIn> signIn(String user, char[] password);

    /** The operator a token was issued to, if it is intact and has not expired. */
    Optional<String> operatorOf(String token);
}
