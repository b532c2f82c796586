package org.pilegate.api.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How the gateway keeps the secrets it issues (terminal credentials, charge point passwords): random, shown once,
 * stored only as a SHA-256 digest and compared in constant time. The secrets carry 192 bits and more, so a plain
 * digest is enough; passwords people choose are hashed otherwise.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String random(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The lower-case hex SHA-256 of the secret's UTF-8 bytes, as stored. */
    public static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /** Whether {@code presented} is the secret whose digest is {@code storedDigest}, in constant time. */
    public static boolean matches(String storedDigest, String presented) {
        return MessageDigest.isEqual(storedDigest.getBytes(StandardCharsets.US_ASCII),
                digest(presented).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes {@code content} to {@code file}, readable and writable by the owner only where the file system can. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
