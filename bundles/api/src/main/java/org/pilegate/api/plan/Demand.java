package org.pilegate.api.plan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.site.PileWiring;

/**
 * What one charging pile asks of the site.
 *
 * @param pile the pile
 * @param wiring where it hangs and on which phases
 * @param voltageV nominal voltage per phase
 * @param maxCurrentA most current per phase the pile and the session may offer
 * @param operatorCapA the operator's cap, if any
 * @param riseCapA the most it may be offered now, since its current rises at a bounded rate; empty when not bounded
 * @param needWh energy still to deliver; empty when the vehicle charges until full
 * @param departure when the vehicle leaves, if the driver said
 * @param priority higher charges first when not every vehicle can have its energy (a fleet's own before visitors)
 * @param order the order the sessions started charging in: earlier keeps its current when not all can have 6 A
 */
public record Demand(PileId pile, PileWiring wiring, int voltageV, int maxCurrentA, OptionalInt operatorCapA,
        OptionalInt riseCapA, OptionalLong needWh, Optional<Instant> departure, int priority, long order) {

    public Demand {
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(operatorCapA, "operatorCapA");
        Objects.requireNonNull(riseCapA, "riseCapA");
        Objects.requireNonNull(needWh, "needWh");
        Objects.requireNonNull(departure, "departure");
        if (voltageV < 1 || maxCurrentA < 0) {
            throw new IllegalArgumentException("voltageV must be positive and maxCurrentA not negative: " + voltageV
                    + " V, " + maxCurrentA + " A");
        }
        if (needWh.isPresent() && needWh.getAsLong() < 0) {
            throw new IllegalArgumentException("needWh must not be negative: " + needWh.getAsLong());
        }
    }

    /** Energy per A of current per hour, in Wh: phases × voltage. */
    public long whPerAmpHour() {
        return (long) wiring.phases().size() * voltageV;
    }
}
