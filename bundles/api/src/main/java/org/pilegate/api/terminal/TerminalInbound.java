package org.pilegate.api.terminal;

/**
 * A message from a terminal to the gateway.
 */
public sealed interface TerminalInbound extends TerminalMessage
        permits ChargingRequest, AssociationRequest, StopRequest, PaymentConfirmation, ResumeRequest, PromptRequest {
}
