package org.pilegate.metrics.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.metrics.HealthCheck;

/**
 * The piles are seen and work. Piles whose devices have not answered, faulted or unavailable piles make this
 * DEGRADED, never DOWN: each is one pile out of service while the others charge (see {@link ModbusHealthCheck}).
 */
@Component
public class PileHealthCheck implements HealthCheck {

    /**
     * Updated in place, one pile at a time: a field SCR replaces gets a new list of every pile for each pile that
     * comes, which took a tenth of the CPU of a gateway starting 2,000 piles.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final Collection<PileController> piles = ConcurrentHashMap.newKeySet();

    public PileHealthCheck() {
    }

    PileHealthCheck(List<PileController> piles) {
        this.piles.addAll(piles);
    }

    @Override
    public String name() {
        return "piles";
    }

    @Override
    public Result check() {
        List<PileController> all = piles.stream().sorted(Comparator.comparing(pile -> pile.id().value())).toList();
        List<String> notSeen = new ArrayList<>();
        List<String> faulted = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (PileController pile : all) {
            PileStatus status = pile.status();
            String id = pile.id().value();
            if (!pile.devicesSeen()) {
                notSeen.add(id);
            } else if (status.state() == PileState.FAULTED) {
                faulted.add(id + status.faultText().map(fault -> " (" + fault + ")").orElse(""));
            } else if (status.state() == PileState.UNAVAILABLE) {
                unavailable.add(id);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!notSeen.isEmpty()) {
            problems.add("meter or relay not seen yet: " + Reasons.list(notSeen));
        }
        if (!faulted.isEmpty()) {
            problems.add("faulted: " + Reasons.list(faulted));
        }
        if (!unavailable.isEmpty()) {
            problems.add("unavailable: " + Reasons.list(unavailable));
        }
        return problems.isEmpty()
                ? Result.up(all.size() + " piles seen, none faulted")
                : Result.degraded(String.join("; ", problems));
    }
}
