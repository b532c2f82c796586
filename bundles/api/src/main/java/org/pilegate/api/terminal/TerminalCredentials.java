package org.pilegate.api.terminal;

import java.util.Optional;

/**
 * Credentials terminals connect with: {@code <terminal id>.<secret>}, the secret 256 random bits shown once when
 * issued. Only its digest is stored; issuing again replaces it, revoking the old one.
 */
public interface TerminalCredentials {

    /**
     * Issues a new credential for a registered terminal, replacing any earlier one.
     *
     * @return the credential, to hand to the terminal once
     * @throws IllegalArgumentException if the terminal is not registered
     */
    String issue(TerminalId terminal);

    /** The terminal a credential belongs to, if it is valid and current. */
    Optional<TerminalId> authenticate(String credential);

    /** @return whether the terminal had a credential */
    boolean revoke(TerminalId terminal);
}
