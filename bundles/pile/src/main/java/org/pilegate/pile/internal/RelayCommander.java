package org.pilegate.pile.internal;

import java.util.concurrent.CompletionStage;

import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;

/** Sends a command to a pile's relay as it is now; fails when the relay is not there. */
@FunctionalInterface
interface RelayCommander {

    CompletionStage<RelayState> send(RelayCommand command);

    /** Why a command failed, for a message: what its innermost cause says, the relay's own words. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
