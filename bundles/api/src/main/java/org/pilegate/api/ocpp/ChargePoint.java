package org.pilegate.api.ocpp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered OCPP charge point as operators see it.
 *
 * @param id its identity
 * @param connectors how many connectors it has; each is a pile {@code <id>-<n>}
 * @param addedAt when it was registered
 * @param connected whether it holds a WebSocket connection now
 * @param lastSeen when it last sent a message, if ever
 */
public record ChargePoint(ChargePointId id, int connectors, Instant addedAt, boolean connected,
        Optional<Instant> lastSeen) {

    public ChargePoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
        ChargePoints.checkConnectors(connectors);
    }
}
