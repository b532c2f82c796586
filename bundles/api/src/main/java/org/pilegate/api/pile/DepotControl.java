package org.pilegate.api.pile;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.plan.Plan;

/**
 * What operators and building systems may change on the depot: a pile's availability and current limit, and the
 * power the whole site may draw. Settings survive a restart of the gateway.
 */
public interface DepotControl {

    /** The operator's settings of one pile. */
    PileSettings settings(PileId pile);

    /**
     * Takes a pile out of service or back into it. Out of service a pile opens no new session; a session running
     * on it goes on until it ends, then the pile shows {@link PileState#UNAVAILABLE}.
     *
     * @return completes with the pile's status once the change took effect, exceptionally with an
     *         {@link IllegalArgumentException} for an unknown pile
     */
    CompletionStage<PileStatus> setAvailable(PileId pile, boolean available);

    /**
     * Caps the current a pile offers per phase, at once for a running session and for every later one; empty lifts
     * the cap back to the pile's own maximum.
     *
     * @return completes with the pile's status once the relay took the new limit, exceptionally with an
     *         {@link IllegalArgumentException} for an unknown pile or a limit outside 6 A to the pile's maximum
     */
    CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA);

    /** The most power the site's piles may draw together, in W, if limited. */
    OptionalLong sitePowerLimitW();

    /**
     * Limits (or, empty, stops limiting) the power all piles may draw together; the piles that charge share it
     * at once.
     *
     * @throws IllegalArgumentException if the limit is negative
     */
    void limitSitePower(OptionalLong limitW);

    /**
     * The depot's latest plan: every charging pile's current now and over the horizon, and what holds each back;
     * empty where the depot does not plan.
     */
    default Optional<Plan> plan() {
        return Optional.empty();
    }
}
