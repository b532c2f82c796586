package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.pile.PileController;

@Command(scope = "pilegate", name = "pile", description = "Shows one pile: state, plug, contactor, power, energy"
        + " register, current offered, session, fault, device health and the operator's settings.")
@Service
public class PileCommand implements Action {

    @Reference
    private BundleContext bundleContext;

    @Reference
    private DepotControl depot;

    @Reference
    private Session session;

    @Argument(index = 0, name = "pile", required = true, description = "The pile id, e.g. bay-07.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Override
    public Object execute() {
        PileController controller = PileControllers.named(bundleContext, pile);
        PileStatus status = controller.status();
        PileSettings settings = depot.settings(controller.id());
        ShellTable table = new ShellTable().noHeaders();
        table.column("Field");
        table.column("Value");
        table.addRow().addContent("Pile", status.pileId());
        table.addRow().addContent("State", status.state());
        table.addRow().addContent("Plug", status.plugState());
        table.addRow().addContent("Contactor", status.contactorClosed() ? "closed" : "open");
        table.addRow().addContent("Power", status.powerW() + " W");
        table.addRow().addContent("Energy register", status.energyWh() + " Wh");
        table.addRow().addContent("Current offered", status.currentLimitA() + " A of at most "
                + controller.maxCurrentA() + " A");
        table.addRow().addContent("Session", Formats.text(status.activeSession()));
        table.addRow().addContent("Vehicle", Formats.text(controller.vehicle()));
        table.addRow().addContent("Fault", Formats.text(status.faultText()));
        table.addRow().addContent("Devices", PileHealth.of(controller));
        table.addRow().addContent("In service", settings.available() ? "yes" : "no");
        table.addRow().addContent("Current cap", Formats.amps(settings.currentLimitA(), "none"));
        table.addRow().addContent("Site power limit", Formats.watts(depot.sitePowerLimitW(), "none"));
        table.addRow().addContent("Seen at", Formats.time(status.at()));
        table.print(session.getConsole());
        return null;
    }
}
