package org.pilegate.modbus.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Devices behind one endpoint that stopped answering. Each silent device would otherwise cost every poll its full
 * timeout and retries, taking the shared connection from the devices that do answer; so between probes its
 * requests fail at once. Probes come after 5 s, doubling up to a minute; one answer clears the device. Used only
 * by the endpoint's operation under way.
 */
final class SilentUnits {

    static final Duration FIRST_PROBE = Duration.ofSeconds(5);
    static final Duration LAST_PROBE = Duration.ofMinutes(1);

    private record Silence(int strikes, long nextProbeNanos) {
    }

    private final Map<Integer, Silence> silent = new HashMap<>();

    /** Why a request to {@code unitId} is not sent now, if it is not. */
    Optional<String> refusal(int unitId, long nowNanos) {
        Silence silence = silent.get(unitId);
        if (silence == null || nowNanos - silence.nextProbeNanos() >= 0) {
            return Optional.empty();
        }
        return Optional.of("unit " + unitId + " did not answer; next attempt in "
                + Duration.ofNanos(silence.nextProbeNanos() - nowNanos).toMillis() + " ms");
    }

    void timedOut(int unitId, long nowNanos) {
        int strikes = silent.containsKey(unitId) ? silent.get(unitId).strikes() + 1 : 0;
        Duration wait = FIRST_PROBE.multipliedBy(1L << Math.min(strikes, 10));
        if (wait.compareTo(LAST_PROBE) > 0) {
            wait = LAST_PROBE;
        }
        silent.put(unitId, new Silence(strikes, nowNanos + wait.toNanos()));
    }

    void answered(int unitId) {
        silent.remove(unitId);
    }
}
