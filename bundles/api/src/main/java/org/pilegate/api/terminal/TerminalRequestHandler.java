package org.pilegate.api.terminal;

import java.util.List;

/**
 * The pile side's entry for requests that terminals send; routing delivers each decoded request here.
 * Kept in the api bundle so that updating the routing bundle never restarts the pile controllers. A refusal may be
 * returned as an {@link ErrorReply} or thrown as a {@link org.pilegate.api.error.Refusal}: the terminal gets the same
 * error frame either way.
 */
public interface TerminalRequestHandler {

    /**
     * Handles one request from a terminal.
     *
     * @param terminal the terminal that sent it
     * @param request the validated request
     * @return the replies to send back to that terminal at once, in order (may be empty); later messages such as
     *         status updates are pushed separately
     */
    List<TerminalOutbound> handle(TerminalId terminal, TerminalInbound request);

    /**
     * A terminal authenticated on a new connection.
     *
     * @return what it should see at once, in order: the prompts waiting for it and the latest status of every session
     *         bound to it; it then asks for anything older with a {@link ResumeRequest}
     */
    List<TerminalOutbound> connected(TerminalId terminal);
}
