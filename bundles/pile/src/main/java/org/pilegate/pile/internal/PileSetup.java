package org.pilegate.pile.internal;

import java.time.Duration;
import java.util.Map;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PileWiring;

/**
 * A pile's configuration, checked: every value that is wrong is refused with the configuration's PID, the key and why,
 * before anything changes.
 */
record PileSetup(String pid, PileId id, String meter, String relay, Duration grace, int maxCurrentA,
        Duration idleFinish, PileWiring wiring, int voltageV) {

    static PileSetup of(PileConfig config, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", PileControllerComponent.PID));
        PileId id;
        try {
            id = new PileId(config.id());
        } catch (RuntimeException e) {
            throw refused(pid, "id", e.getMessage());
        }
        requireDevice(pid, "meter", config.meter());
        requireDevice(pid, "relay", config.relay());
        if (config.graceMs() < 1000) {
            throw refused(pid, "graceMs", "must be at least 1000 ms, not " + config.graceMs());
        }
        if (config.maxCurrentA() < 6 || config.maxCurrentA() > RelayCommand.MAX_CURRENT_A) {
            throw refused(pid, "maxCurrentA", "must be 6.." + RelayCommand.MAX_CURRENT_A + " A, not "
                    + config.maxCurrentA());
        }
        if (config.idleFinishS() < 1) {
            throw refused(pid, "idleFinishS", "must be at least 1 s, not " + config.idleFinishS());
        }
        if (config.phases() != 1 && config.phases() != 3) {
            throw refused(pid, "phases", "must be 1 or 3, not " + config.phases());
        }
        PileWiring wiring;
        try {
            wiring = config.phaseRotation().isBlank() ? new PileWiring(config.feeder().trim(),
                    PileWiring.direct(config.phases()).phases())
                    : new PileWiring(config.feeder().trim(), Phase.sequence(config.phaseRotation()));
        } catch (IllegalArgumentException e) {
            throw refused(pid, "phaseRotation", e.getMessage());
        }
        if (wiring.phases().size() != config.phases()) {
            throw refused(pid, "phaseRotation", "names " + wiring.phases().size() + " phase(s) for a pile on "
                    + config.phases() + ": " + config.phaseRotation());
        }
        if (config.feeder().isBlank()) {
            throw refused(pid, "feeder", "required: grid, or a feeder of the site");
        }
        if (config.voltageV() < 100 || config.voltageV() > 500) {
            throw refused(pid, "voltageV", "must be 100..500 V, not " + config.voltageV());
        }
        return new PileSetup(pid, id, config.meter(), config.relay(), Duration.ofMillis(config.graceMs()),
                config.maxCurrentA(), Duration.ofSeconds(config.idleFinishS()), wiring, config.voltageV());
    }

    DepotShares.Supply supply() {
        return new DepotShares.Supply(maxCurrentA, wiring, voltageV);
    }

    private static void requireDevice(String pid, String key, String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw refused(pid, key, "required, but missing");
        }
    }

    private static IllegalArgumentException refused(String pid, String key, String why) {
        return new IllegalArgumentException("configuration " + pid + ": " + key + ": " + why);
    }
}
