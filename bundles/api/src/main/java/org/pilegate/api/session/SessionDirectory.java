package org.pilegate.api.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The gateway's sessions as operators see them, and the operator's stop. */
public interface SessionDirectory {

    /** Sessions matching {@code query}, newest first. */
    List<SessionOverview> list(SessionQuery query);

    Optional<SessionOverview> find(SessionId id);

    /**
     * Ends a session that has not ended yet, as the bound terminal's stop would: the contactor opens, the session
     * finishes with the energy delivered so far and its fee is issued.
     *
     * @param reason why, kept with the session
     * @return completes with the finished session, exceptionally with an {@link IllegalArgumentException} for an
     *         unknown session or an {@link IllegalStateException} for one that has ended
     */
    CompletionStage<SessionOverview> stop(SessionId id, String reason);
}
