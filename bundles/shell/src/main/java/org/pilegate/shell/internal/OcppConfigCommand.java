package org.pilegate.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.ocpp.ChargePoints;

import com.fasterxml.jackson.databind.JsonNode;

@Command(scope = "pilegate", name = "ocpp-config", description = "An OCPP charge point's configuration"
        + " (GetConfiguration): every key, or the keys named. Change one with ocpp-config-set.")
@Service
public class OcppConfigCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Reference
    private Session session;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Argument(index = 1, name = "keys", multiValued = true, description = "The keys to read; all when none.")
    private List<String> keys;

    @Override
    public Object execute() throws Exception {
        JsonNode answer = OcppRequests.send(chargePoints, chargePoint, "GetConfiguration",
                OcppRequests.getConfiguration(keys));
        ShellTable table = new ShellTable();
        table.column("Key");
        table.column("Value");
        table.column("Read-only");
        for (JsonNode key : answer.path("configurationKey")) {
            table.addRow().addContent(key.path("key").asText(), key.path("value").asText(""),
                    key.path("readonly").asBoolean() ? "yes" : "no");
        }
        for (JsonNode unknown : answer.path("unknownKey")) {
            table.addRow().addContent(unknown.asText(), "(unknown to the charge point)", "");
        }
        table.print(session.getConsole());
        return null;
    }
}
