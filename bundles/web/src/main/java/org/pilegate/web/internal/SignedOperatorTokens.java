package org.pilegate.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.secret.SignInAttempts;

/**
 * Operator sign-in for the dashboard: checks the password once, then hands out a signed, expiring token
 * ({@code <user>.<deadline>.<HMAC-SHA256>}, base64url) that the browser keeps in an HttpOnly cookie. The signing
 * key is random and lives in memory only, so a restart of the gateway signs every operator out; so the deadline is
 * on this run's monotonic clock, and a step of the wall clock neither cuts a sign-in short nor prolongs it.
 * Attempts of one account are limited, so a password cannot be guessed through the page.
 */
@Component(service = OperatorAccess.class, configurationPid = SignedOperatorTokens.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebConfig.class)
public class SignedOperatorTokens implements OperatorAccess {

    static final String PID = "org.pilegate.web";
    static final int MAX_FAILURES = 5;
    /** A day, as the metatype says. */
    static final int MAX_SIGN_IN_MINUTES = 1440;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    /** Account names tried within one window that are remembered: a few MiB at most. */
    static final int REMEMBERED_NAMES = 10_000;
    /** Longer than any name etc/users.properties may hold, and so never checked or remembered. */
    static final int MAX_NAME_LENGTH = 64;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    // replaced together by a configuration update; a sign-in in between may pair the old login with the new lifetime
    private volatile OperatorLogin login;
    private volatile Duration lifetime;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final byte[] key = new byte[32];
    private final SignInAttempts attempts;

    @Activate
    public SignedOperatorTokens(WebConfig config) {
        this(loginOf(config), lifetimeOf(config.signInMinutes()), Clock.systemUTC(), System::nanoTime);
    }

    SignedOperatorTokens(OperatorLogin login, Duration lifetime, Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.attempts = new SignInAttempts(MAX_FAILURES, FAILURE_WINDOW, REMEMBERED_NAMES, nanoTime);
        new SecureRandom().nextBytes(key);
        apply(login, lifetime);
    }

    /**
     * Applies a changed configuration in place: operators signed in stay signed in, their tokens keeping their
     * expiry, and later sign-ins follow the new settings. A wrong value is refused naming the PID, the key and why
     * (the framework logs it), and sign-in goes on with its last good settings.
     */
    @Modified
    void modified(WebConfig config) {
        apply(loginOf(config), lifetimeOf(config.signInMinutes()));
    }

    void apply(OperatorLogin nextLogin, Duration nextLifetime) {
        login = nextLogin;
        lifetime = nextLifetime;
    }

    private static OperatorLogin loginOf(WebConfig config) {
        return new JaasOperatorLogin(required("realm", config.realm()), required("role", config.role()));
    }

    private static Duration lifetimeOf(int minutes) {
        if (minutes < 1 || minutes > MAX_SIGN_IN_MINUTES) {
            throw new IllegalArgumentException(PID + ": signInMinutes must be 1.." + MAX_SIGN_IN_MINUTES + ", not "
                    + minutes);
        }
        return Duration.ofMinutes(minutes);
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + ": " + key + " must not be empty");
        }
        return value.strip();
    }

    /**
     * Refuses an account after {@value #MAX_FAILURES} attempts within a minute that did not succeed; an attempt
     * counts from before its check, so guesses in parallel are refused as guesses in a row are.
     */
    @Override
    public Optional<SignIn> signIn(String user, char[] password) {
        if (user.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        try {
            attempts.reserve(user);
        } catch (SignInAttempts.Refused e) {
            throw new TooManyAttempts(user);
        }
        if (!login.check(user, password)) {
            return Optional.empty();
        }
        attempts.succeeded(user);
        Duration lasting = lifetime;
        String claims = ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "."
                + (nanoTime.getAsLong() + lasting.toNanos());
        return Optional.of(new SignIn(user, claims + "." + sign(claims), clock.instant().plus(lasting), lasting));
    }

    @Override
    public Optional<String> operatorOf(String token) {
        int signatureAt = token.lastIndexOf('.');
        int expiryAt = token.indexOf('.');
        if (expiryAt < 1 || signatureAt <= expiryAt) {
            return Optional.empty();
        }
        String claims = token.substring(0, signatureAt);
        byte[] expected = sign(claims).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(signatureAt + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            long deadline = Long.parseLong(token.substring(expiryAt + 1, signatureAt));
            if (nanoTime.getAsLong() - deadline >= 0) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(token.substring(0, expiryAt)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private String sign(String claims) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return ENCODER.encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
        }
    }
}
