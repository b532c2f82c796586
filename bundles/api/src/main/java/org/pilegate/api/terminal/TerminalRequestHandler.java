package org.pilegate.api.terminal;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The server side of the charging dialogue: routing delivers each decoded terminal request here. Both calls return at
 * once; the stage completes when the answer is ready, so no thread of the caller waits while a pile's relay closes or
 * the store commits. A refusal is an {@link ErrorReply} among the replies or a stage failed with a
 * {@link org.pilegate.api.error.Refusal}: the terminal gets the same error frame either way.
 */
public interface TerminalRequestHandler {

    /**
     * Handles one request from a terminal.
     *
     * @param terminal the terminal that sent it
     * @param request the validated request
     * @return the replies to send back to that terminal, in order (may be empty; a refusal is one {@link ErrorReply});
     *         later messages such as status updates are pushed separately
     */
    CompletionStage<List<TerminalOutbound>> handle(TerminalId terminal, TerminalInbound request);

    /**
     * A terminal authenticated on a new connection.
     *
     * @return what it should see at once, in order: the prompts waiting for it and the latest status of every session
     *         bound to it; it then asks for anything older with a {@link ResumeRequest}
     */
    CompletionStage<List<TerminalOutbound>> connected(TerminalId terminal);
}
