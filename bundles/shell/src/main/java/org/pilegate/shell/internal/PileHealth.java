package org.pilegate.shell.internal;

import org.pilegate.api.pile.PileController;

/** The health of a pile's devices in a word: whether meter and relay answer and can be trusted. */
final class PileHealth {

    private PileHealth() {
    }

    static String of(PileController pile) {
        if (!pile.devicesSeen()) {
            return "not seen yet";
        }
        return pile.status().faultText().isPresent() ? "fault" : "ok";
    }
}
