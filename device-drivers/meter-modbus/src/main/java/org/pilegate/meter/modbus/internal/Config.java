package org.pilegate.meter.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "pilegate Modbus meter",
        description = "One energy meter read over Modbus TCP through a device profile. With profile=custom the"
                + " register map comes from this configuration instead: <quantity>.address, <quantity>.type and"
                + " optionally <quantity>.function (holding or input; default holding), <quantity>.wordOrder"
                + " (default ABCD) and <quantity>.scale (default 1, raw value times scale gives the unit) for the"
                + " quantities energy (Wh) and power (W), and optionally all six of voltageL1..voltageL3 (mV) and"
                + " currentL1..currentL3 (mA).")
@interface Config {

    @AttributeDefinition(name = "Meter id", description = "The id the gateway knows the meter by, e.g. bay-07.meter;"
            + " published as service property pilegate.meter.id.")
    String id();

    @AttributeDefinition(name = "Host", description = "For Modbus TCP: host name or address of the meter or"
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
            description = "Modbus unit identifier (slave address) of the meter.")
    int unitId() default 1;

    @AttributeDefinition(name = "Profile", description = "Register map: the id of a shipped profile or of a file"
            + " etc/profiles/meter/<id>.json, or 'custom' for the keys described above.")
    String profile() default "eastron-sdm630";

    @AttributeDefinition(name = "Poll interval (ms)", min = "10")
    int pollIntervalMs() default 1000;

    @AttributeDefinition(name = "Timeout (ms)", min = "0", description = "Response timeout of the meter's endpoint;"
            + " 0 keeps the transport's settings. Devices behind one endpoint share it, so give them the same value.")
    int timeoutMs() default 0;

    @AttributeDefinition(name = "Stale after (ms)", description = "How long the meter may stay silent"
            + " before its reading turns STALE; longer than the poll interval.")
    int staleAfterMs() default 3000;

    @AttributeDefinition(name = "Merge gap (registers)", min = "0", description = "Unused registers one request may"
            + " read between two values, so that fewer requests cover the map. 0 merges only adjacent values, which"
            + " every meter accepts; raise it for meters known to answer reads of unmapped addresses.")
    int mergeGap() default 0;

    @AttributeDefinition(name = "Maximum power (W)", min = "1", description = "Largest power the meter can plausibly"
            + " measure; larger powers, and energy rising faster than this power allows, mark readings INVALID.")
    int maxPowerW() default 1_000_000;

    @AttributeDefinition(name = "Energy tolerance (Wh)", min = "0", description = "How far the energy register may"
            + " step back, as rounding, before readings are marked INVALID.")
    int energyToleranceWh() default 10;
}
