package org.pilegate.metrics.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;

/** A session directory over a fixed list, answering queries by state as the real one does. */
record SessionDirectoryStub(List<SessionOverview> sessions) implements SessionDirectory {

    @Override
    public List<SessionOverview> list(SessionQuery query) {
        return sessions.stream()
                .filter(overview -> query.states().isEmpty() || query.states().contains(overview.session().state()))
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<SessionOverview> find(SessionId id) {
        return sessions.stream().filter(overview -> overview.session().id().equals(id)).findFirst();
    }

    @Override
    public CompletionStage<SessionOverview> stop(SessionId id, String reason) {
        throw new UnsupportedOperationException("operators do not stop sessions here");
    }
}
