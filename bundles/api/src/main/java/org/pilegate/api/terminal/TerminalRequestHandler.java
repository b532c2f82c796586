package org.pilegate.api.terminal;

import java.util.List;

/**
 * The pile side's entry for requests that terminals send; routing delivers each decoded request here.
 * Kept in the api bundle so that updating the routing bundle never restarts the pile controllers.
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
}
