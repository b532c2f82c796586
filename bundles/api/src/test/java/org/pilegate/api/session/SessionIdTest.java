package org.pilegate.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionIdTest {

    @Test
    void randomIdsAreDistinctUuids() {
        SessionId first = SessionId.random();

        assertTrue(first.value().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"),
                first.value());
        assertNotEquals(first, SessionId.random());
    }

    @Test
    void rejectsIdsOutsideThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionId("a b"));
        assertEquals("session id must match [A-Za-z0-9._-]{1,64}: 'a b'", e.getMessage());
    }
}
