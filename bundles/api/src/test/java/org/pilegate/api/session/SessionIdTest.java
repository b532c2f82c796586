package org.pilegate.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SessionIdTest {

    @Test
    void newIdsAreDistinctUuidsOfVersion7() {
        SessionId first = SessionId.random();

        assertTrue(first.value().matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                first.value());
        UUID uuid = UUID.fromString(first.value());
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertNotEquals(first, SessionId.random());
    }

    @Test
    void idsCarryTheirMillisecondAndSortByIt() {
        long at = Instant.parse("2026-12-04T18:00:00Z").toEpochMilli();
        SessionId earlier = SessionId.random(at);
        SessionId later = SessionId.random(at + 1);

        assertEquals(at, UUID.fromString(earlier.value()).getMostSignificantBits() >>> 16);
        // as the store compares them: as text
        assertTrue(earlier.value().compareTo(later.value()) < 0, earlier + " before " + later);
    }

    @Test
    void rejectsIdsOutsideThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionId("a b"));
        assertEquals("session id must match [A-Za-z0-9._-]{1,64}: 'a b'", e.getMessage());
    }
}
