package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-config-set", description = "Changes one key of an OCPP charge point's"
        + " configuration (ChangeConfiguration) and prints its answer: Accepted, Rejected, RebootRequired or"
        + " NotSupported.")
@Service
public class OcppConfigSetCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Argument(index = 1, name = "key", required = true, description = "The key, e.g. MeterValueSampleInterval.")
    private String key;

    @Argument(index = 2, name = "value", required = true, description = "Its new value.")
    private String value;

    @Override
    public Object execute() throws Exception {
        return OcppRequests.send(chargePoints, chargePoint, "ChangeConfiguration",
                OcppRequests.changeConfiguration(key, value)).path("status").asText();
    }
}
