package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-add", description = "Registers an OCPP 1.6J charge point, makes each of its"
        + " connectors a pile <id>-<n>, and prints the password it connects with (HTTP Basic, user = its id) as the"
        + " last line. The password is shown once; running the command again issues a new one and locks the old one"
        + " out.")
@Service
public class OcppAddCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Reference
    private Session session;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The identity the charge point"
            + " connects with, the last part of wss://<gateway>:8443/ocpp/<chargePointId>.")
    private String chargePoint;

    @Option(name = "--connectors", description = "How many connectors it has (1..16).")
    private int connectors = 1;

    @Override
    public Object execute() {
        ChargePointId id = new ChargePointId(chargePoint);
        String password = chargePoints.add(id, connectors);
        // printed rather than returned: the shell shows returned values only to an interactive console
        session.getConsole().println("Charge point " + id + " (" + connectors + " connector"
                + (connectors == 1 ? "" : "s") + ": piles " + id.pile(1)
                + (connectors > 1 ? " … " + id.pile(connectors) : "") + ") connects to /ocpp/" + id
                + " with this password, shown only now:");
        session.getConsole().println(password);
        return null;
    }
}
