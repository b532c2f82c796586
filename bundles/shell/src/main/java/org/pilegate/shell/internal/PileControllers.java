package org.pilegate.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileController;

/** The pile controllers running now; commands look them up per call, as piles come and go with configuration. */
final class PileControllers {

    private PileControllers() {
    }

    /** @throws IllegalArgumentException when no pile {@code name} runs */
    static PileController named(BundleContext context, String name) {
        PileId id = new PileId(name);
        return all(context).stream().filter(pile -> pile.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no pile " + name + " at this depot"));
    }

    static List<PileController> all(BundleContext context) {
        List<PileController> piles = new ArrayList<>();
        try {
            for (ServiceReference<PileController> reference : context.getServiceReferences(PileController.class,
                    null)) {
                PileController pile = context.getService(reference);
                if (pile != null) {
                    piles.add(pile);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
        return piles;
    }
}
