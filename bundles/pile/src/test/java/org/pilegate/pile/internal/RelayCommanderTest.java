package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class RelayCommanderTest {

    @Test
    void theReasonIsWhatTheInnermostCauseSays() {
        Throwable failure = new CompletionException(new IllegalStateException("relay bay-07.relay did not take it",
                new IllegalStateException("slave exception 4")));

        assertEquals("slave exception 4", RelayCommander.reason(failure));
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsType() {
        assertEquals("IllegalStateException", RelayCommander.reason(new CompletionException(
                new IllegalStateException())));
    }
}
