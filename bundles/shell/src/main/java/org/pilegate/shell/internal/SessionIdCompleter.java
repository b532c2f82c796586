package org.pilegate.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;

/** Completes the ids of the sessions still open: the ones an operator looks at or stops. */
@Service
public class SessionIdCompleter implements Completer {

    private static final int MOST = 200;

    @Reference
    private SessionDirectory sessions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        sessions.list(new SessionQuery(Set.of(SessionState.PENDING, SessionState.CHARGING, SessionState.SUSPENDED),
                Optional.empty(), Optional.empty(), MOST))
                .forEach(overview -> ids.getStrings().add(overview.session().id().value()));
        return ids.complete(session, commandLine, candidates);
    }
}
