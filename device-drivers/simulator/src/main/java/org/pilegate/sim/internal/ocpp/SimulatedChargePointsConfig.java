package org.pilegate.sim.internal.ocpp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate simulated OCPP charge points", description = "Simulated OCPP 1.6J charge"
        + " points that connect to the gateway's own central system, beside the simulated depot's Modbus piles.")
public @interface SimulatedChargePointsConfig {

    @AttributeDefinition(name = "Charge points", min = "0", max = "1000", description = "How many; each registers"
            + " itself at start (with a new password) as <idPrefix>-01, <idPrefix>-02, …; 0 for none.")
    int count() default 0;

    @AttributeDefinition(name = "Connectors", min = "1", max = "16", description = "Connectors of each, each a pile"
            + " <id>-<n>.")
    int connectors() default 1;

    @AttributeDefinition(name = "Central system URL", description = "Where they connect, without their id.")
    String url() default "ws://127.0.0.1:8181/ocpp";

    @AttributeDefinition(name = "Id prefix", description = "Their ids: <idPrefix>-NN.")
    String idPrefix() default "SIM-CP";
}
