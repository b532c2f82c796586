package org.pilegate.uplink.internal;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;

/**
 * A command of the fleet for this site, as read from {@code <prefix>.commands}. Each sets a value (a tariff, a limit,
 * an availability) rather than changing one by an amount, so that applying it again sets the same value.
 */
sealed interface Command {

    /** {@code tariff.update}: an OCPI 2.2.1 tariff, in force at once for the piles its id is assigned to. */
    record TariffUpdate(String ocpiJson) implements Command {
    }

    /** {@code site.limit}: the power all piles may draw together; empty stops limiting. */
    record SiteLimit(OptionalLong limitW) implements Command {
    }

    /** {@code pile.limit}: a pile's current cap per phase; empty lifts it. */
    record PileLimit(PileId pile, OptionalInt limitA) implements Command {
    }

    /** {@code pile.availability}: a pile taken out of service or put back. */
    record PileAvailability(PileId pile, boolean available) implements Command {
    }

    /**
     * A command as it came.
     *
     * @param commandId the fleet's id of it, by which a command delivered again is recognised
     * @param type its type, e.g. {@code pile.limit}
     * @param expiresAt after this it is refused rather than applied late
     */
    record Envelope(String commandId, String type, Instant expiresAt, Command command) {
    }
}
