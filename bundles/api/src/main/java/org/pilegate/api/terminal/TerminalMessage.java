package org.pilegate.api.terminal;

/**
 * A message of the charging dialogue with a terminal, in either direction.
 */
public sealed interface TerminalMessage permits TerminalInbound, TerminalOutbound {

    /** Wire name of the message kind, e.g. "charging_prompt"; each record holds it as {@code TYPE}. */
    String type();
}
