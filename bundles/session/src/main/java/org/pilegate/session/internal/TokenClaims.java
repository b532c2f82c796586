package org.pilegate.session.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * What an association token vouches for: the prompt shown for this pile and vehicle at this time.
 *
 * @param tokenId random identifier, the key of single use
 * @param pile the pile that prompted
 * @param vehicle the vehicle plugged in, if it identified itself
 * @param promptedAt when the prompt was issued
 * @param expiresAt after this instant the token is refused
 */
record TokenClaims(String tokenId, PileId pile, Optional<VehicleId> vehicle, Instant promptedAt, Instant expiresAt) {

    TokenClaims {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(promptedAt, "promptedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(promptedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is not after promptedAt " + promptedAt);
        }
    }
}
