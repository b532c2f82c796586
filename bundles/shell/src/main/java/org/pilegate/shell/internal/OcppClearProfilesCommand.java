package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-clear-profiles", description = "Clears an OCPP charge point's charging"
        + " profiles (ClearChargingProfile): all, or those of one connector or purpose. The gateway sets its own again"
        + " on the next change and connection. Prints Accepted, or Unknown when none matched.")
@Service
public class OcppClearProfilesCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Option(name = "--connector", description = "Only this connector's profiles (0: the charge point's own).")
    private Integer connector;

    @Option(name = "--purpose", description = "Only profiles of this purpose: ChargePointMaxProfile, TxDefaultProfile"
            + " or TxProfile.")
    private String purpose;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Override
    public Object execute() throws Exception {
        return OcppRequests.send(chargePoints, chargePoint, "ClearChargingProfile",
                OcppRequests.clearChargingProfile(connector, purpose)).path("status").asText();
    }
}
