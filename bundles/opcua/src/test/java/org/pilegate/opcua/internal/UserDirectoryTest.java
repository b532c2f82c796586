package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static final UserEntry ANNA = UserEntry.create("anna", "a-pw".toCharArray(), UserEntry.MIN_ITERATIONS);
    private static final UserEntry BMS = UserEntry.create("bms", "b-pw".toCharArray(), UserEntry.MIN_ITERATIONS);

    @Test
    void usersAreAuthenticatedByNameAndPassword() {
        UserDirectory users = UserDirectory.parse(" " + ANNA + " ,\n" + BMS + ",");

        assertEquals(Optional.of(new ClientIdentity.Operator("bms")), users.authenticate("bms", "b-pw"));
        assertEquals(Optional.empty(), users.authenticate("bms", "a-pw"));
        assertEquals(Optional.empty(), users.authenticate("carl", "b-pw"));
    }

    @Test
    void noUsersConfiguredLetsNobodyIn() {
        UserDirectory users = UserDirectory.parse("");

        assertTrue(users.isEmpty());
        assertEquals(Optional.empty(), users.authenticate("admin", "admin"));
    }

    @Test
    void aUserListedTwiceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserDirectory.parse(BMS + "," + BMS));
        assertEquals("user bms is listed twice", e.getMessage());
    }

    @Test
    void anEntryIsAddedOrReplacesTheSameUsers() {
        UserEntry newBms = UserEntry.create("bms", "new".toCharArray(), UserEntry.MIN_ITERATIONS);

        assertEquals(ANNA.toString(), UserDirectory.withEntry("", ANNA));
        String both = UserDirectory.withEntry(ANNA + "," + BMS, newBms);

        assertEquals(ANNA + "," + newBms, both);
        assertEquals(Optional.of(new ClientIdentity.Operator("bms")), UserDirectory.parse(both)
                .authenticate("bms", "new"));
    }
}
