package org.pilegate.api.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.vehicle.VehicleId;

/**
 * A session a pile ran on its own and reported once it was over, e.g. an OCPP charge point that charged a card
 * holder's vehicle while it could not reach the gateway.
 *
 * @param id the session's id, the same every time the same session is reported (derived from what the device
 *        numbered it by), so that reporting it again bills it once
 * @param pile where it ran
 * @param vehicle the vehicle the device identified, if any
 * @param startedAt when it began, by the device's clock
 * @param startRegisterWh the meter's import register at the start
 * @param endedAt when it ended
 * @param endRegisterWh the register at the end
 * @param samples what the device measured in between, in time order; may be empty
 * @param reason why it ended, as the device said
 */
public record ReportedSession(SessionId id, PileId pile, Optional<VehicleId> vehicle, Instant startedAt,
        long startRegisterWh, Instant endedAt, long endRegisterWh, List<MeterSample> samples, String reason) {

    public ReportedSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(reason, "reason");
        samples = List.copyOf(samples);
        if (startRegisterWh < 0 || endRegisterWh < 0) {
            throw new IllegalArgumentException("registers must not be negative: " + startRegisterWh + ", "
                    + endRegisterWh);
        }
    }
}
