package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-call", description = "Sends an OCPP charge point a central system's CALL"
        + " and prints its answer, e.g. ocpp-call CP-1 Reset '{\"type\":\"Soft\"}', GetConfiguration '{}',"
        + " ChangeConfiguration, ChangeAvailability, TriggerMessage, ClearChargingProfile. The payload is checked"
        + " against the OCPP 1.6 schema first.")
@Service
public class OcppCallCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Argument(index = 1, name = "action", required = true, description = "The OCPP 1.6 action, e.g. Reset.")
    private String action;

    @Argument(index = 2, name = "payload", required = true, description = "The payload, a JSON object.")
    private String payload;

    @Override
    public Object execute() {
        return Outcome.await(chargePoints.call(new ChargePointId(chargePoint), action, payload), action);
    }
}
