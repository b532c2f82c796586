package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.ocpp.ChargePoints;

@Command(scope = "pilegate", name = "ocpp-reset", description = "Resets an OCPP charge point: soft (it ends its"
        + " transactions and restarts its software) or, with --hard, a reboot. Prints whether it accepted.")
@Service
public class OcppResetCommand implements Action {

    @Reference
    private ChargePoints chargePoints;

    @Option(name = "--hard", description = "Reboot the charge point rather than restart its software.")
    private boolean hard;

    @Argument(index = 0, name = "chargePointId", required = true, description = "The charge point's identity.")
    private String chargePoint;

    @Override
    public Object execute() throws Exception {
        return OcppRequests.send(chargePoints, chargePoint, "Reset", OcppRequests.reset(hard)).path("status")
                .asText();
    }
}
