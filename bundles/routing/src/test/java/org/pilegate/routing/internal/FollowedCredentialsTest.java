package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.TerminalId;

class FollowedCredentialsTest {

    @Test
    void withoutTheCredentialsServiceLoginsAreAskedToRetry() {
        TerminalMessageException refused = assertThrows(TerminalMessageException.class,
                () -> new FollowedCredentials().authenticate("phone-1.secret"));

        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.reply().code());
    }

    @Test
    void credentialsAreCheckedByTheService() {
        CredentialsStub credentials = new CredentialsStub();
        FollowedCredentials authenticator = new FollowedCredentials(credentials);

        String issued = credentials.issue(new TerminalId("phone-1"));

        assertEquals(Optional.of(new TerminalId("phone-1")), authenticator.authenticate(issued));
        assertEquals(Optional.empty(), authenticator.authenticate("phone-1.wrong"));
    }
}
