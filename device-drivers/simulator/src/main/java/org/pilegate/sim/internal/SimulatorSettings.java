package org.pilegate.sim.internal;

import java.time.Duration;
import java.util.Objects;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.RelayProfile;

/**
 * How to run a simulated depot.
 *
 * @param host address to listen on
 * @param basePort port of the first piles, the next groups on the following ports; 0 for free ports
 * @param pileCount how many piles
 * @param pilesPerPort piles behind one port, 1..{@value Depot#MAX_PILES_PER_PORT}
 * @param meterProfile register map every meter serves
 * @param relayProfile register map every relay serves
 * @param tick how often energy is integrated
 * @param autoPlug whether vehicles come and go at random
 * @param chaosRate share of requests to each device met by a random fault ({@link Chaos}), 0..1
 */
record SimulatorSettings(String host, int basePort, int pileCount, int pilesPerPort, MeterProfile meterProfile,
        RelayProfile relayProfile, Duration tick, boolean autoPlug, double chaosRate) {

    /** Without chaos. */
    SimulatorSettings(String host, int basePort, int pileCount, int pilesPerPort, MeterProfile meterProfile,
            RelayProfile relayProfile, Duration tick, boolean autoPlug) {
        this(host, basePort, pileCount, pilesPerPort, meterProfile, relayProfile, tick, autoPlug, 0);
    }

    SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(meterProfile, "meterProfile");
        Objects.requireNonNull(relayProfile, "relayProfile");
        Objects.requireNonNull(tick, "tick");
        if (pileCount < 1) {
            throw new IllegalArgumentException("pileCount must be positive: " + pileCount);
        }
        if (basePort < 0 || basePort > 0xFFFF) {
            throw new IllegalArgumentException("basePort must be 0..65535: " + basePort);
        }
        if (!(chaosRate >= 0 && chaosRate <= 1)) {
            throw new IllegalArgumentException("chaosRate must be 0..1: " + chaosRate);
        }
        if (tick.toMillis() < 1) {
            throw new IllegalArgumentException("tick must be at least 1 ms: " + tick);
        }
    }
}
