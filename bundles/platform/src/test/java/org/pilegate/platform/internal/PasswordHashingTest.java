package org.pilegate.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.apache.karaf.jaas.spring_security_crypto.impl.SpringSecurityCryptoEncryptionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Karaf's own spring-security-crypto service behind the realm's encryption, as the gateway runs it. */
class PasswordHashingTest {

    @TempDir
    Path etc;

    static PasswordHashing hashing(Path etc) {
        return new PasswordHashing(new SpringSecurityCryptoEncryptionService(), etc.resolve("users.properties"));
    }

    private Encryption realm() {
        // the options the realm passes on: etc/org.apache.karaf.jaas.cfg's algorithm, and the realm's default encoding
        return hashing(etc).createEncryption(Map.of(EncryptionService.ALGORITHM, "bcrypt",
                EncryptionService.ENCODING, EncryptionService.ENCODING_HEXADECIMAL));
    }

    @Test
    void aPasswordIsStoredSaltedAndSlowAndChecksOnlyItself() {
        String stored = hashing(etc).stored("s3cret");
        String again = hashing(etc).stored("s3cret");

        assertTrue(stored.matches("\\{CRYPT}\\$2a\\$10\\$.{53}\\{CRYPT}"), stored);
        assertNotEquals(stored, again, "a random salt per hash");
        String hash = stored.substring("{CRYPT}".length(), stored.length() - "{CRYPT}".length());
        assertTrue(realm().checkPassword("s3cret", hash));
        assertFalse(realm().checkPassword("s3creT", hash));
    }

    @Test
    void anUnsaltedSha256EntrySignsInOnceAndIsHashedAgain() throws Exception {
        String legacy = UpgradingEncryption.sha256Hex("s3cret");
        Path users = etc.resolve("users.properties");
        Files.write(users, List.of("admin = {CRYPT}" + legacy + "{CRYPT},_g_:admingroup",
                "_g_\\:admingroup = group,admin"), StandardCharsets.ISO_8859_1);

        assertFalse(realm().checkPassword("guess", legacy));
        assertTrue(Files.readString(users).contains(legacy), "a wrong password changes nothing");

        assertTrue(realm().checkPassword("s3cret", legacy));
        List<String> after = Files.readAllLines(users, StandardCharsets.ISO_8859_1);
        assertFalse(String.join("\n", after).contains(legacy), "the unsalted digest is gone");
        assertTrue(after.get(0).matches("admin = \\{CRYPT}\\$2a\\$10\\$.{53}\\{CRYPT},_g_:admingroup"), after.get(0));
        assertEquals("_g_\\:admingroup = group,admin", after.get(1));
        String rehashed = after.get(0).substring("admin = {CRYPT}".length(), after.get(0).indexOf("{CRYPT},"));
        assertTrue(realm().checkPassword("s3cret", rehashed));
        assertFalse(realm().checkPassword("guess", rehashed));
    }
}
