package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.ocpp.ChargePoint;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-list", description = "Lists the registered OCPP charge points: connectors,"
        + " whether connected, when last heard from.")
@Service
public class OcppListCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Charge point");
        table.column("Connectors").alignRight();
        table.column("Connected");
        table.column("Last seen");
        table.column("Registered");
        for (ChargePoint chargePoint : chargePoints.list()) {
            table.addRow().addContent(chargePoint.id().value(), chargePoint.connectors(),
                    chargePoint.connected() ? "yes" : "no",
                    chargePoint.lastSeen().map(Object::toString).orElse("never"), chargePoint.addedAt());
        }
        table.print(session.getConsole());
        return null;
    }
}
