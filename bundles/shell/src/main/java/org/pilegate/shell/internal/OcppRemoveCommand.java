package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-remove", description = "Unregisters an OCPP charge point: its connection is"
        + " closed, its password stops working and its piles are removed. Its transactions stay on record.")
@Service
public class OcppRemoveCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Override
    public Object execute() {
        return chargePoints.remove(new ChargePointId(chargePoint)) ? null
                : "no charge point " + chargePoint + " was registered";
    }
}
