package org.pilegate.api.terminal;

/**
 * Pushes messages to connected terminals: status updates, prompts and fee notices that are not replies to a request.
 * The routing bundle provides it for the terminals connected to this gateway.
 */
public interface TerminalOutbox {

    /**
     * Sends {@code message} to every connection of {@code terminal}, after the messages pushed to it before.
     *
     * @return whether the terminal had a connection to send it on; a terminal without one gets what it missed when it
     *         reconnects and resumes
     */
    boolean push(TerminalId terminal, TerminalOutbound message);
}
