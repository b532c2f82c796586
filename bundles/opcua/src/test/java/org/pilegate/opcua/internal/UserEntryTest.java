package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserEntryTest {

    private static final int ITERATIONS = UserEntry.MIN_ITERATIONS;

    @Test
    void anEntryReadBackMatchesItsPasswordOnly() {
        UserEntry entry = UserEntry.parse(UserEntry.create("bms", "s3cret!".toCharArray(), ITERATIONS).toString());

        assertEquals("bms", entry.name());
        assertTrue(entry.matches("s3cret!".toCharArray()));
        assertFalse(entry.matches("s3cret".toCharArray()));
        assertFalse(entry.toString().contains("s3cret"), "the password is not in the entry");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        String first = UserEntry.create("bms", "pw".toCharArray(), ITERATIONS).toString();
        String second = UserEntry.create("bms", "pw".toCharArray(), ITERATIONS).toString();

        assertNotEquals(first, second, "a fresh salt each time");
        assertTrue(first.startsWith("bms:pbkdf2-sha256:" + ITERATIONS + ":"), first);
    }

    @Test
    void aHashMadeElsewhereWithTheDocumentedFormatIsAccepted() throws Exception {
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("pw".toCharArray(), salt, 20_000, 256)).getEncoded();
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();

        UserEntry entry = UserEntry.parse("bms:pbkdf2-sha256:20000:" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(hash));

        assertTrue(entry.matches("pw".toCharArray()));
    }

    @Test
    void malformedEntriesSayWhatIsWrong() {
        String salt = "MDEyMzQ1Njc4OWFiY2RlZg==";
        String hash = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        assertMessage("has 2 parts", "bms:secret");
        assertMessage("unknown hash scheme 'md5'", "bms:md5:20000:" + salt + ":" + hash);
        assertMessage("at least 10000 iterations, not 10", "bms:pbkdf2-sha256:10:" + salt + ":" + hash);
        assertMessage("iterations is not a number", "bms:pbkdf2-sha256:many:" + salt + ":" + hash);
        assertMessage("the salt is not Base64", "bms:pbkdf2-sha256:20000:***:" + hash);
        assertMessage("hash of 32 bytes", "bms:pbkdf2-sha256:20000:" + salt + ":" + salt);
        assertMessage("user name must match", "b m s:pbkdf2-sha256:20000:" + salt + ":" + hash);
        assertThrows(IllegalArgumentException.class, () -> UserEntry.create("bms", new char[0], ITERATIONS));
    }

    private static void assertMessage(String expected, String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserEntry.parse(entry));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
