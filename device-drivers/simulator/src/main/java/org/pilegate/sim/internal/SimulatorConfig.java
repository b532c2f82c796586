package org.pilegate.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate depot simulator",
        description = "A simulated depot whose meters and relays answer over Modbus TCP, for tests, demos and"
                + " benchmarks.")
public @interface SimulatorConfig {

    @AttributeDefinition(name = "Enabled",
            description = "Serve the simulated depot. Off keeps the bundle installed but listening on no port.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Host", description = "Address to listen on and to hand to drivers.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Base port", min = "0", max = "65535",
            description = "Port of the first group of piles; each further group listens on the next port."
                    + " 0 picks free ports.")
    int basePort() default 15020;

    @AttributeDefinition(name = "Piles", min = "1", description = "How many piles the depot has.")
    int pileCount() default 20;

    @AttributeDefinition(name = "Piles per port", min = "1", max = "123",
            description = "Piles behind one port. Pile k of a port answers as unit 2k+1 (meter) and 2k+2 (relay).")
    int pilesPerPort() default 10;

    @AttributeDefinition(name = "Meter profile", description = "Register map every simulated meter serves.")
    String meterProfile() default "eastron-sdm630";

    @AttributeDefinition(name = "Relay profile", description = "Register map every simulated relay serves.")
    String relayProfile() default "pilegate-generic-relay";

    @AttributeDefinition(name = "Phase rotations", description = "The site's phases pile 1, 2, 3, … is wired to,"
            + " repeated over the piles, comma-separated: L2L3L1 for a three-phase pile with rotation, L2 for a"
            + " single-phase pile on L2. The pile configurations provisioned say the same.")
    String phaseRotations() default "L1L2L3, L2L3L1, L3L1L2";

    @AttributeDefinition(name = "Building load (A)", description = "The building's other load at its daily peak,"
            + " one value for all phases or L1/L2/L3, behind a simulated site meter (sim-site.meter); empty: no"
            + " site meter. The load falls to 40 % of the peak at night, with 5 % noise.")
    String siteBaseLoadA() default "";

    @AttributeDefinition(name = "Building day (s)", min = "1",
            description = "How long the building's simulated day lasts; shorter to watch its load curve in minutes.")
    int baseLoadDayS() default 86_400;

    @AttributeDefinition(name = "Tick (ms)", min = "1", description = "How often charging energy is integrated.")
    int tickMs() default 200;

    @AttributeDefinition(name = "Vehicles come and go",
            description = "Plug and unplug vehicles at random, for demos.")
    boolean autoPlug() default false;

    @AttributeDefinition(name = "Chaos (% of requests)", min = "0", max = "100",
            description = "Meet this share of the Modbus requests to each device with a random fault: no reply, an"
                    + " exception, a dropped connection or a corrupt frame, the four alike. 0, the default, is none.")
    double chaosPercent() default 0;

    @AttributeDefinition(name = "Provision drivers", description = "Create the meter, relay and pile configurations"
            + " of the simulated piles (named sim-01, sim-02, …) and remove them when the simulator is disabled.")
    boolean provisionDrivers() default true;
}
