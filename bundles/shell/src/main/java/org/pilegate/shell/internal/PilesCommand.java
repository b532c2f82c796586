package org.pilegate.shell.internal;

import java.util.Comparator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.pilegate.api.pile.PileStatus;

@Command(scope = "pilegate", name = "piles", description = "Lists the piles: state, plug, contactor, power, energy"
        + " register, current limit, session, device health and fault.")
@Service
public class PilesCommand implements Action {

    @Reference
    private BundleContext bundleContext;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Pile");
        table.column("State");
        table.column("Plug");
        table.column("Contactor");
        table.column("Power W").alignRight();
        table.column("Energy Wh").alignRight();
        table.column("Limit A").alignRight();
        table.column("Session");
        table.column("Devices");
        table.column("Fault");
        PileControllers.all(bundleContext).stream()
                .sorted(Comparator.comparing(pile -> pile.id().value()))
                .forEach(pile -> addRow(table, pile.status(), PileHealth.of(pile)));
        table.print(session.getConsole());
        return null;
    }

    private static void addRow(ShellTable table, PileStatus status, String health) {
        table.addRow().addContent(status.pileId().value(), status.state(), status.plugState(),
                status.contactorClosed() ? "closed" : "open", status.powerW(), status.energyWh(),
                status.currentLimitA(), status.activeSession().map(Object::toString).orElse(""), health,
                status.faultText().orElse(""));
    }
}
