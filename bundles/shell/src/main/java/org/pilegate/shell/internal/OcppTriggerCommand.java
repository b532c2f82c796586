package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-trigger", description = "Asks an OCPP charge point to send a message now"
        + " (TriggerMessage): BootNotification, Heartbeat, StatusNotification, MeterValues,"
        + " DiagnosticsStatusNotification or FirmwareStatusNotification. Prints whether it accepted.")
@Service
public class OcppTriggerCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Option(name = "--connector", description = "The connector it concerns, for StatusNotification and MeterValues.")
    private Integer connector;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Argument(index = 1, name = "message", required = true, description = "The message to send, e.g. MeterValues.")
    private String message;

    @Override
    public Object execute() throws Exception {
        return OcppRequests.send(chargePoints, chargePoint, "TriggerMessage",
                OcppRequests.triggerMessage(message, connector)).path("status").asText();
    }
}
