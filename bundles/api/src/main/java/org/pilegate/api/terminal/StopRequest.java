package org.pilegate.api.terminal;

import java.util.Objects;
import org.pilegate.api.session.SessionId;

/**
 * The driver asks to stop charging; the session finishes and a {@link FeeNotice} follows.
 *
 * @param session the session to stop
 */
public record StopRequest(SessionId session) implements TerminalInbound {

    public static final String TYPE = "stop_request";

    public StopRequest {
        Objects.requireNonNull(session, "session");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
