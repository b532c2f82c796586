package org.pilegate.pile.internal;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.site.PileWiring;

/**
 * What a pile needs of the depot: to be governed, with its stored settings, from the moment it starts until it stops,
 * and a share of the site's power before its contactor closes. The depot offers it beside
 * {@link org.pilegate.api.pile.DepotControl}; a pile knows the depot by this alone.
 */
public interface DepotShares {

    /**
     * What a pile's supply can carry, and where it hangs in the site.
     *
     * @param maxCurrentA most current per phase
     * @param wiring its feeder, and the site's phases it charges on (1 or 3)
     * @param voltageV nominal voltage per phase (line to neutral)
     */
    record Supply(int maxCurrentA, PileWiring wiring, int voltageV) {

        /** A pile straight on the grid connection, its phases in order. */
        Supply(int maxCurrentA, int phases, int voltageV) {
            this(maxCurrentA, PileWiring.direct(phases), voltageV);
        }
    }

    /** A pile started: it takes its stored settings and is governed from now on. */
    void join(PileId pile, PileMonitor monitor, Supply supply);

    /** A pile's supply was reconfigured: the charging piles share anew. */
    void resupply(PileId pile, PileMonitor monitor, Supply supply);

    /** A pile stopped: its share goes to the others. */
    void leave(PileId pile, PileMonitor monitor);

    /** The depot's latest plan. */
    Optional<Plan> plan();

    /** Admits the pile's session to the site's power, then closes its contactor at its share. */
    CompletionStage<PileStatus> charge(PileId pile, ChargingInfo info, long startRegisterWh);
}
