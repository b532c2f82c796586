package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;

@Command(scope = "pilegate", name = "session", description = "Shows one charging session: pile, vehicle, account,"
        + " terminal, state, times, energy, what was decided for it and its fee.")
@Service
public class SessionCommand implements Action {

    @Reference
    private SessionDirectory sessions;

    @Reference
    private Session session;

    @Argument(index = 0, name = "session", required = true, description = "The session id, as the sessions command"
            + " lists it.")
    @Completion(SessionIdCompleter.class)
    private String id;

    @Override
    public Object execute() {
        SessionOverview overview = sessions.find(new SessionId(id))
                .orElseThrow(() -> new IllegalArgumentException("there is no session " + id));
        ChargingSession charging = overview.session();
        ShellTable table = new ShellTable().noHeaders();
        table.column("Field");
        table.column("Value");
        table.addRow().addContent("Session", charging.id());
        table.addRow().addContent("Pile", charging.pile());
        table.addRow().addContent("Vehicle", Formats.text(charging.vehicle()));
        table.addRow().addContent("Account", Formats.text(overview.account()));
        table.addRow().addContent("Terminal", Formats.text(overview.boundTerminal()));
        table.addRow().addContent("State", charging.state());
        table.addRow().addContent("Started", Formats.time(charging.startedAt()));
        table.addRow().addContent("Ended", Formats.time(charging.endedAt()));
        table.addRow().addContent("Energy", overview.deliveredWh() + " Wh (register from " + charging.startEnergyWh()
                + charging.endEnergyWh().map(end -> " to " + end).orElse("") + " Wh)");
        table.addRow().addContent("Charging", charging.info().map(SessionCommand::describe).orElse("not authorised"));
        table.addRow().addContent("Fee", overview.fee().map(MoneyArgument::format).orElse(Formats.NONE));
        table.print(session.getConsole());
        return null;
    }

    private static String describe(ChargingInfo info) {
        return "up to " + info.maxCurrentA() + " A"
                + info.targetEnergyWh().map(wh -> ", target " + wh + " Wh").orElse("")
                + info.budget().map(budget -> ", budget " + MoneyArgument.format(budget)).orElse("")
                + info.departure().map(departure -> ", departs " + Formats.time(departure)).orElse("");
    }
}
