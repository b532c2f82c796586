package org.pilegate.routing;

import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;

/**
 * Checks a terminal's credential, for every route a terminal authenticates on, with the limit on guessing that
 * applies to all of them.
 */
public interface TerminalAuthenticator {

    /**
     * The terminal {@code credential} belongs to, if it is valid.
     *
     * @param clientAddress the IP address the credential came from
     * @throws org.pilegate.api.error.Refusal service_unavailable while credentials cannot be checked; too_many_attempts
     *         after too many failures for the terminal or from the address lately
     */
    Optional<TerminalId> authenticate(String credential, String clientAddress);
}
