package org.pilegate.session.internal;

import java.time.Instant;

/** Remembers redeemed association tokens until they expire, so that each is accepted once. */
interface UsedTokens {

    /**
     * Records {@code tokenId} as redeemed, atomically.
     *
     * @return false if it had been redeemed before
     */
    boolean markUsed(String tokenId, Instant expiresAt);
}
