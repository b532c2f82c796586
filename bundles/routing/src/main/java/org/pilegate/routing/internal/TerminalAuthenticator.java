package org.pilegate.routing.internal;

import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;

/** Checks a terminal's credential for the WebSocket and REST routes. */
public interface TerminalAuthenticator {

    /**
     * The terminal {@code credential} belongs to, if it is valid.
     *
     * @throws TerminalMessageException service_unavailable while credentials cannot be checked
     */
    Optional<TerminalId> authenticate(String credential);
}
