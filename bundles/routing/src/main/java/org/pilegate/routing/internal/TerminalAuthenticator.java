package org.pilegate.routing.internal;

import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;

/** Checks a terminal's credential for the WebSocket and REST routes. */
public interface TerminalAuthenticator {

    /**
     * The terminal {@code credential} belongs to, if it is valid.
     *
     * @param clientAddress the IP address the credential came from
     * @throws TerminalMessageException service_unavailable while credentials cannot be checked; too_many_attempts
     *         after too many failures for the terminal or from the address lately
     */
    Optional<TerminalId> authenticate(String credential, String clientAddress);
}
