package org.pilegate.shell.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.vehicle.AccountId;

@Command(scope = "pilegate", name = "sessions", description = "Lists charging sessions, newest first: pile, state,"
        + " times, energy delivered, account, bound terminal and fee.")
@Service
public class SessionsCommand implements Action {

    @Reference
    private SessionDirectory sessions;

    @Reference
    private Session session;

    @Option(name = "--state", multiValued = true, description = "Only sessions in this state; repeat for several:"
            + " PENDING, CHARGING, SUSPENDED, FINISHED, PAID, FAILED.")
    @Completion(value = StringsCompleter.class, values = {"PENDING", "CHARGING", "SUSPENDED", "FINISHED", "PAID",
        "FAILED"})
    private List<String> states = new ArrayList<>();

    @Option(name = "--account", description = "Only sessions charged to this account.")
    private String account;

    @Option(name = "--pile", description = "Only sessions on this pile.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Option(name = "--limit", description = "At most this many sessions (default 20).")
    private int limit = 20;

    @Override
    public Object execute() {
        SessionQuery query = new SessionQuery(parse(states), Optional.ofNullable(account).map(AccountId::new),
                Optional.ofNullable(pile).map(PileId::new), limit);
        ShellTable table = new ShellTable();
        table.column("Session");
        table.column("Pile");
        table.column("State");
        table.column("Started");
        table.column("Ended");
        table.column("Energy Wh").alignRight();
        table.column("Account");
        table.column("Terminal");
        table.column("Fee").alignRight();
        for (SessionOverview overview : sessions.list(query)) {
            var charging = overview.session();
            table.addRow().addContent(charging.id(), charging.pile(), charging.state(),
                    Formats.time(charging.startedAt()), Formats.time(charging.endedAt()), overview.deliveredWh(),
                    Formats.text(overview.account()), Formats.text(overview.boundTerminal()),
                    overview.fee().map(MoneyArgument::format).orElse(Formats.NONE));
        }
        table.print(session.getConsole());
        return null;
    }

    /** @throws IllegalArgumentException naming a state that is not one */
    static Set<SessionState> parse(List<String> names) {
        Set<SessionState> parsed = EnumSet.noneOf(SessionState.class);
        for (String name : names) {
            try {
                parsed.add(SessionState.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--state must be one of " + List.of(SessionState.values())
                        + ", not '" + name + "'", e);
            }
        }
        return parsed;
    }
}
