package org.pilegate.sim.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;

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
 * @param wirings the site's phases of pile 1, 2, 3, …, repeated over the piles
 * @param baseLoadPeakA the building's load at its daily peak per phase, behind a site meter; none: no site meter
 * @param baseLoadDay how long the building's day lasts
 * @param chaosRate share of requests to each device met by a random fault ({@link Chaos}), 0..1
 */
record SimulatorSettings(String host, int basePort, int pileCount, int pilesPerPort, MeterProfile meterProfile,
        RelayProfile relayProfile, Duration tick, boolean autoPlug, List<List<Phase>> wirings,
        Optional<PhaseCurrents> baseLoadPeakA, Duration baseLoadDay, double chaosRate) {

    /** Three-phase piles rotated, no site meter, no chaos. */
    SimulatorSettings(String host, int basePort, int pileCount, int pilesPerPort, MeterProfile meterProfile,
            RelayProfile relayProfile, Duration tick, boolean autoPlug) {
        this(host, basePort, pileCount, pilesPerPort, meterProfile, relayProfile, tick, autoPlug, Depot.ROTATED,
                Optional.empty(), Duration.ofDays(1), 0);
    }

    SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(meterProfile, "meterProfile");
        Objects.requireNonNull(relayProfile, "relayProfile");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(baseLoadPeakA, "baseLoadPeakA");
        Objects.requireNonNull(baseLoadDay, "baseLoadDay");
        wirings = List.copyOf(wirings);
        if (wirings.isEmpty()) {
            throw new IllegalArgumentException("at least one wiring");
        }
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
