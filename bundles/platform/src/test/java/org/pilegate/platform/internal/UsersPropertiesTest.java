package org.pilegate.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UsersPropertiesTest {

    private static final List<String> KARAF_DEFAULT = List.of(
            "# users.properties as Karaf ships it",
            "#karaf = karaf,_g_:admingroup",
            "#_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");

    @Test
    void commentedOutDefaultsHoldNoUser() {
        assertFalse(UsersProperties.hasUser(KARAF_DEFAULT));
        assertFalse(UsersProperties.hasUser(List.of("_g_\\:admingroup = group,admin", "", "! comment")));
    }

    @Test
    void anExistingUserIsSeen() {
        assertTrue(UsersProperties.hasUser(List.of("ops = secret,_g_:admingroup")));
    }

    @Test
    void operatorIsAddedWithItsStoredPasswordAndAdminGroup() {
        List<String> lines = UsersProperties.withOperator(KARAF_DEFAULT, "admin", "{CRYPT}$2a$10$hash{CRYPT}");

        assertEquals(KARAF_DEFAULT.size() + 2, lines.size());
        assertEquals("admin = {CRYPT}$2a$10$hash{CRYPT},_g_:admingroup", lines.get(KARAF_DEFAULT.size()));
        assertTrue(lines.get(lines.size() - 1).startsWith("_g_\\:admingroup = group,admin"));
        assertTrue(UsersProperties.hasUser(lines));
    }

    @Test
    void existingGroupIsNotDuplicated() {
        List<String> lines = UsersProperties.withOperator(
                List.of("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh"), "ops", "pw");
        assertEquals(2, lines.size());
    }

    @Test
    void unsafeUserNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UsersProperties.withOperator(List.of(), "ad min=x", "pw"));
        assertTrue(e.getMessage().contains("ad min=x"));
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        String first = OperatorAccountProvisioner.generatePassword();
        assertEquals(20, first.length());
        assertFalse(first.equals(OperatorAccountProvisioner.generatePassword()));
    }
}
