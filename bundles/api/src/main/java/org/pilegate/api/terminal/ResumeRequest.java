package org.pilegate.api.terminal;

import java.util.Objects;

import org.pilegate.api.session.SessionId;

/**
 * A reconnected terminal asks for the status updates of its session that it missed: all with a sequence number
 * above {@code lastSeq}, in order.
 *
 * @param session the session the terminal is bound to
 * @param lastSeq the highest {@link StatusUpdate#seq()} it received, 0 if none
 */
public record ResumeRequest(SessionId session, long lastSeq) implements TerminalInbound {

    public static final String TYPE = "resume_request";

    public ResumeRequest {
        Objects.requireNonNull(session, "session");
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative: " + lastSeq);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
