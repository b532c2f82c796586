package org.pilegate.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAccountProvisionerTest {

    @TempDir
    Path etc;

    @Test
    void aBadUserNameIsRefusedNamingPidAndKeyAndNothingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OperatorAccountProvisioner(PasswordHashingTest.hashing(etc)).provision(config("ad min"), etc));

        assertEquals("configuration org.pilegate.platform.operator: user: 'ad min' must start with a letter and use"
                + " only letters, digits, '.', '_' or '-' (max 32)", e.getMessage());
        assertFalse(Files.exists(etc.resolve("users.properties")));
    }

    @Test
    void aGoodUserNameBecomesTheOperatorAndAnExistingUserIsKept() throws Exception {
        OperatorAccountProvisioner provisioner = new OperatorAccountProvisioner(PasswordHashingTest.hashing(etc));
        provisioner.provision(config("operator"), etc);
        provisioner.provision(config("someone.else"), etc);

        String users = Files.readString(etc.resolve("users.properties"));
        assertTrue(users.startsWith("operator = {CRYPT}$2a$10$"), "bcrypt, cost 10: " + users);
        assertFalse(users.contains("someone.else"), users);
    }

    private static OperatorAccountProvisioner.Config config(String user) {
        return new OperatorAccountProvisioner.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OperatorAccountProvisioner.Config.class;
            }

            @Override
            public String user() {
                return user;
            }
        };
    }
}
