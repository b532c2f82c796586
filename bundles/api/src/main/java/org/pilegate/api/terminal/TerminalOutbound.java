package org.pilegate.api.terminal;

/**
 * A message from the gateway to a terminal.
 */
public sealed interface TerminalOutbound extends TerminalMessage
        permits ChargingPrompt, AssociationPrompt, StatusUpdate, ChargingPromise, FeeNotice, ErrorReply {
}
