package org.pilegate.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.karaf.jaas.modules.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karaf's slow, salted password hashing with an upgrade path for the unsalted SHA-256 digests that earlier gateways
 * stored: such an entry still signs in, once, and the password it was just checked against is hashed anew with the
 * slow scheme in {@code etc/users.properties}. From then on the old digest is gone from the file.
 */
final class UpgradingEncryption implements Encryption {

    private static final Pattern LEGACY_DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Logger LOG = LoggerFactory.getLogger(UpgradingEncryption.class);
    /** Sign-ins of several operators at once must not interleave their rewrites of the one file. */
    private static final Object FILE_LOCK = new Object();

    private final Encryption slow;
    private final Path usersFile;

    UpgradingEncryption(Encryption slow, Path usersFile) {
        this.slow = slow;
        this.usersFile = usersFile;
    }

    @Override
    public String encryptPassword(String password) {
        return slow.encryptPassword(password);
    }

    @Override
    public boolean checkPassword(String password, String stored) {
        if (!LEGACY_DIGEST.matcher(stored).matches()) {
            return slow.checkPassword(password, stored);
        }
        boolean matches = MessageDigest.isEqual(sha256Hex(password).getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII));
        if (matches) {
            rehash(stored, slow.encryptPassword(password));
        }
        return matches;
    }

    private void rehash(String legacy, String replacement) {
        synchronized (FILE_LOCK) {
            try {
                List<String> lines = Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1).stream()
                        .map(line -> line.replace(legacy, replacement))
                        .toList();
                Path next = Files.createTempFile(usersFile.getParent(), "users", ".properties",
                        PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(usersFile)));
                Files.write(next, lines, StandardCharsets.ISO_8859_1);
                Files.move(next, usersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("A password stored as an unsalted SHA-256 digest in {} was hashed again with the slow scheme",
                        usersFile);
            } catch (IOException e) {
                // the sign-in itself stands; the next one tries again
                LOG.warn("Cannot store the re-hashed password in {}: {}", usersFile, e.toString());
            }
        }
    }

    static String sha256Hex(String password) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }
}
