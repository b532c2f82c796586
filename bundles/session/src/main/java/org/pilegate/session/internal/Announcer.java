package org.pilegate.session.internal;

import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what the server side has to say to connected terminals. Everything pushed is stored first, so a terminal
 * that is not connected, or no outbox at all, loses nothing: it gets the message when it resumes.
 */
final class Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private volatile TerminalOutbox outbox;

    void outbox(TerminalOutbox current) {
        outbox = current;
    }

    void outboxGone(TerminalOutbox gone) {
        if (outbox == gone) {
            outbox = null;
        }
    }

    void push(TerminalId terminal, TerminalOutbound message) {
        TerminalOutbox current = outbox;
        if (current == null || !current.push(terminal, message)) {
            LOG.debug("Terminal {} is not connected; it gets {} when it resumes", terminal, message.type());
        }
    }
}
