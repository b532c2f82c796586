package org.pilegate.ocpp16.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate OCPP 1.6 central system", description = "OCPP-J 1.6 charge points connect to"
        + " wss://<gateway>:<TLS port>/ocpp/<chargePointId> with HTTP Basic authentication (security profile 2), or"
        + " ws://<gateway>:<HTTP port>/ocpp/<chargePointId> where plain HTTP is reachable (security profile 1);"
        + " register them with pilegate:ocpp-add.")
public @interface OcppConfig {

    @AttributeDefinition(name = "Heartbeat interval (s)", min = "10", max = "86400",
            description = "The interval BootNotification gives charge points for their heartbeats.")
    int heartbeatIntervalS() default 300;

    @AttributeDefinition(name = "Call timeout (s)", min = "1", max = "300", description = "How long a charge point"
            + " has to answer a CALL of the gateway, and to report the transaction a remote start or stop asked for.")
    int callTimeoutS() default 30;

    @AttributeDefinition(name = "Identification wait (s)", min = "0", max = "300", description = "How long a"
            + " plugged-in vehicle may take to identify itself (RFID) before its pile opens a session without one,"
            + " for a driver to claim by scanning the pile's code.")
    int identifyWaitS() default 10;

    @AttributeDefinition(name = "Refused messages per minute", min = "1", max = "10000", description = "A charge"
            + " point that sends more messages than this within a minute that must be refused is disconnected.")
    int maxRefusedPerMinute() default 30;

    @AttributeDefinition(name = "Phases", min = "1", max = "3", description = "The phases charge points' connectors"
            + " are wired with: a limit in W, for a charge point that takes power only, is the current over these.")
    int phases() default 3;

    @AttributeDefinition(name = "Nominal voltage (V)", min = "100", max = "400", description = "Line-to-neutral"
            + " voltage, to turn a current into the power limit of a charge point that takes power only.")
    int nominalVoltageV() default 230;
}
