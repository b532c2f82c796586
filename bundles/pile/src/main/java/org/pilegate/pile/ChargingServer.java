package org.pilegate.pile;

import java.util.List;
import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;

/**
 * The server side of the charging dialogue as the piles see it: the piles forward the terminals' requests here, and
 * the server decides, binds and tells the pile what to charge. The session bundle provides it.
 */
public interface ChargingServer {

    /**
     * Handles a terminal's request.
     *
     * @param pile the pile the request names, for requests that name one (charging, association, prompt)
     * @return the replies for the terminal, in order
     */
    List<TerminalOutbound> handle(TerminalId terminal, TerminalInbound request, Optional<PileController> pile);

    /** A terminal connected: the prompts waiting for it and the latest status of each session bound to it. */
    List<TerminalOutbound> connected(TerminalId terminal);
}
