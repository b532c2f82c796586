package org.pilegate.opcua.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.StringJoiner;

import org.pilegate.api.pile.PileState;

/** The site's Health text: Good, or which piles are faulted and which still wait for their devices, by id. */
final class SiteHealth {

    private SiteHealth() {
    }

    static String of(Collection<PileView> piles) {
        if (piles.isEmpty()) {
            return "No piles configured";
        }
        StringJoiner faulted = new StringJoiner(", ", "Faulted: ", "").setEmptyValue("");
        StringJoiner waiting = new StringJoiner(", ", "Waiting for devices: ", "").setEmptyValue("");
        piles.stream().sorted(Comparator.comparing(view -> view.controller.id().value()))
                .forEach(view -> {
                    if (view.status.state() == PileState.FAULTED) {
                        faulted.add(view.controller.id().value());
                    } else if (!view.controller.devicesSeen()) {
                        waiting.add(view.controller.id().value());
                    }
                });
        StringJoiner health = new StringJoiner("; ").setEmptyValue("Good");
        Optional.of(faulted.toString()).filter(text -> !text.isEmpty()).ifPresent(health::add);
        Optional.of(waiting.toString()).filter(text -> !text.isEmpty()).ifPresent(health::add);
        return health.toString();
    }
}
