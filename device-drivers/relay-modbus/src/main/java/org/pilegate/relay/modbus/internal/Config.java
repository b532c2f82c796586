package org.pilegate.relay.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "pilegate Modbus relay",
        description = "One pile controller (contactor, control pilot, vehicle identification, current limit) driven"
                + " over Modbus TCP through a device profile.")
@interface Config {

    @AttributeDefinition(name = "Relay id", description = "The id the gateway knows the relay by, e.g. bay-07.relay;"
            + " published as service property pilegate.relay.id.")
    String id();

    @AttributeDefinition(name = "Host", description = "For Modbus TCP: host name or address of the controller or"
            + " its Modbus TCP gateway; leave empty for a serial port.")
    String host() default "";

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Serial port", description = "For Modbus RTU instead of TCP: the serial device, e.g."
            + " /dev/ttyUSB0; leave host empty then.")
    String serialPort() default "";

    @AttributeDefinition(name = "Baud rate", min = "300", max = "921600")
    int baudRate() default 9600;

    @AttributeDefinition(name = "Data bits", min = "7", max = "8")
    int dataBits() default 8;

    @AttributeDefinition(name = "Parity", options = {
            @Option(label = "even (the Modbus default)", value = "even"),
            @Option(label = "odd", value = "odd"),
            @Option(label = "none", value = "none")})
    String parity() default "even";

    @AttributeDefinition(name = "Stop bits", min = "1", max = "2")
    int stopBits() default 1;

    @AttributeDefinition(name = "Unit id", min = "0", max = "255",
            description = "Modbus unit identifier (slave address) of the controller; see the profile's description.")
    int unitId() default 1;

    @AttributeDefinition(name = "Profile", description = "Register map: the id of a shipped profile or of a file"
            + " etc/profiles/relay/<id>.json.")
    String profile() default "pilegate-generic-relay";

    @AttributeDefinition(name = "Poll interval (ms)", min = "10", description = "How often the plug and the"
            + " contactor are read.")
    int pollIntervalMs() default 500;

    @AttributeDefinition(name = "Full read interval (ms)", min = "0", description = "How often a poll also reads"
            + " what only a command or a new vehicle changes: the current limit, and the vehicle id once known. A"
            + " command reads them back at once, a vehicle plugging in has its id read at once; this interval bounds"
            + " how long a controller that lost its setting (e.g. after a power cycle) goes unnoticed. 0 reads"
            + " everything on every poll.")
    int fullReadIntervalMs() default 5000;

    @AttributeDefinition(name = "Timeout (ms)", min = "0", description = "Response timeout of the controller's"
            + " endpoint; 0 keeps the transport's settings. Devices behind one endpoint share it, so give them the"
            + " same value.")
    int timeoutMs() default 0;

    @AttributeDefinition(name = "Settle time (ms)", min = "0", description = "How long the controller may take to"
            + " report a command's effect, e.g. a contactor's feedback contact; a command is read back until it"
            + " shows or this time has passed.")
    int settleMs() default 1000;
}
