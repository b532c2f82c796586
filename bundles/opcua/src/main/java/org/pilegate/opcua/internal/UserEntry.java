package org.pilegate.opcua.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * One OPC UA user as configured: the name and a salted PBKDF2-HMAC-SHA256 hash of the password, written as
 * {@code name:pbkdf2-sha256:iterations:salt:hash} (salt and hash in Base64), so no password is ever stored.
 */
final class UserEntry {

    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this an entry is too cheap to brute-force to be accepted. */
    static final int MIN_ITERATIONS = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private UserEntry(String name, int iterations, byte[] salt, byte[] hash) {
        this.name = name;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new entry for {@code name} with a fresh random salt. */
    static UserEntry create(String name, char[] password, int iterations) {
        checkName(name);
        if (password.length == 0) {
            throw new IllegalArgumentException("the password of user " + name + " must not be empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations, not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new UserEntry(name, iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Reads an entry as written by {@link #toString()}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, never echoing the hash
     */
    static UserEntry parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("a user entry is name:" + SCHEME + ":iterations:salt:hash, but '"
                    + parts[0] + ":…' has " + parts.length + " parts");
        }
        String name = parts[0];
        checkName(name);
        if (!SCHEME.equals(parts[1])) {
            throw new IllegalArgumentException("user " + name + ": unknown hash scheme '" + parts[1] + "', expected "
                    + SCHEME);
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("user " + name + ": iterations is not a number: " + parts[2], e);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("user " + name + ": at least " + MIN_ITERATIONS
                    + " iterations, not " + iterations);
        }
        byte[] salt = decode(name, "salt", parts[3]);
        byte[] hash = decode(name, "hash", parts[4]);
        if (salt.length < SALT_BYTES || hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("user " + name + ": a salt of at least " + SALT_BYTES
                    + " bytes and a hash of " + HASH_BITS / 8 + " bytes expected");
        }
        return new UserEntry(name, iterations, salt, hash);
    }

    private static byte[] decode(String name, String what, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user " + name + ": the " + what + " is not Base64", e);
        }
    }

    String name() {
        return name;
    }

    /** Whether {@code password} is this user's, compared in constant time. */
    boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    @Override
    public String toString() {
        Base64.Encoder base64 = Base64.getEncoder();
        return name + ":" + SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(hash);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must match " + NAME.pattern() + ": '" + name + "'");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
