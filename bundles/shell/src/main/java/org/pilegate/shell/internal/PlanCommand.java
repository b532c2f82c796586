package org.pilegate.shell.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.plan.Plan;

@Command(scope = "pilegate", name = "plan", description = "Shows the depot's plan: per charging pile the current now,"
        + " the energy planned by its departure against what it needs, and what holds it back; then the site's"
        + " planned power per hour.")
@Service
public class PlanCommand implements Action {

    @Reference
    private DepotControl depot;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        Plan plan = depot.plan().orElse(null);
        if (plan == null) {
            return "the depot makes no plan";
        }
        ShellTable piles = new ShellTable();
        piles.column("Pile");
        piles.column("Now A").alignRight();
        piles.column("Planned Wh").alignRight();
        piles.column("Needs Wh").alignRight();
        piles.column("Target");
        piles.column("Held back by");
        plan.piles().values().stream().sorted(Comparator.comparing(pile -> pile.pile().value()))
                .forEach(pile -> piles.addRow().addContent(pile.pile().value(), pile.currentA(), pile.plannedWh(),
                        pile.needWh().isPresent() ? String.valueOf(pile.needWh().getAsLong()) : "until full",
                        pile.meetsTarget() ? "met" : "short", pile.hold().text()));
        piles.print(session.getConsole());
        ShellTable power = new ShellTable();
        power.column("From");
        power.column("Site power W").alignRight();
        List<Instant> bounds = plan.boundaries();
        // the first slot, then every hour's first: a day's plan in 24 lines
        for (int slot = 0; slot < plan.slots(); slot++) {
            if (slot == 0 || bounds.get(slot).getEpochSecond() % 3600 == 0) {
                power.addRow().addContent(bounds.get(slot), plan.sitePowerW().get(slot));
            }
        }
        power.print(session.getConsole());
        return null;
    }
}
