package org.pilegate.api.ocpp;

import java.util.Objects;
import java.util.regex.Pattern;

import org.pilegate.api.pile.PileId;

/**
 * The identity an OCPP charge point connects with, the last segment of its URL {@code /ocpp/<id>}. One to 48
 * characters of letters, digits, '_' and '-' (OCPP's chargeBoxIdentity is at most 48), so that {@code <id>-<connector>}
 * is a pile id and the id needs no escaping in a URL.
 *
 * @param value the identity
 */
public record ChargePointId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,48}");

    public ChargePointId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("charge point id must match [A-Za-z0-9_-]{1,48}: '" + value + "'");
        }
    }

    /** The pile a connector of this charge point is: {@code <id>-<connectorId>}. */
    public PileId pile(int connectorId) {
        if (connectorId < 1) {
            throw new IllegalArgumentException("connector ids start at 1: " + connectorId);
        }
        return new PileId(value + "-" + connectorId);
    }

    @Override
    public String toString() {
        return value;
    }
}
