package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;

@Command(scope = "pilegate", name = "session-stop", description = "Stops a session as its terminal would: the"
        + " contactor opens, the session finishes with the energy delivered so far and its fee goes to the bound"
        + " terminal. Waits until the meter has settled.")
@Service
public class SessionStopCommand implements Action {

    @Reference
    private SessionDirectory sessions;

    @Argument(index = 0, name = "session", required = true, description = "The session id.")
    @Completion(SessionIdCompleter.class)
    private String id;

    @Option(name = "--reason", description = "Why, kept with the session, e.g. \"pile maintenance\".")
    private String reason = "";

    @Override
    public Object execute() {
        SessionOverview stopped = Outcome.await(sessions.stop(new SessionId(id), reason), "stopping session " + id);
        return "session " + id + " " + stopped.session().state() + ": " + stopped.deliveredWh() + " Wh"
                + stopped.fee().map(fee -> ", fee " + MoneyArgument.format(fee)).orElse(", no fee");
    }
}
