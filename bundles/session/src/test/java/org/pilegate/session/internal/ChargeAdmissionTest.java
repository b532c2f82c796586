package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;

class ChargeAdmissionTest {

    private static final PileId BAY_07 = new PileId("bay-07");

    private final AtomicReference<Duration> backlog = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> limit = new AtomicReference<>(Duration.ofMillis(250));
    private final ChargeAdmission admission = new ChargeAdmission(backlog::get, limit::get);

    @Test
    void aChargeIsTakenOnWhileTheWorkersAreNoFurtherBehindThanTheLimit() {
        assertTrue(admission.admit(BAY_07).isDone());
        backlog.set(Duration.ofMillis(250));

        assertEquals(null, admission.admit(BAY_07).join());
    }

    @Test
    void pastTheLimitTheChargeIsRefusedAsGatewayBusySayingHowFarBehind() {
        backlog.set(Duration.ofMillis(251));

        CompletionException failed = assertThrows(CompletionException.class, () -> admission.admit(BAY_07).join());

        DialogueRefusal busy = assertInstanceOf(DialogueRefusal.class, failed.getCause());
        assertEquals(ErrorCode.GATEWAY_BUSY, busy.code());
        assertEquals("the gateway is at capacity (its workers are 251 ms behind): pile bay-07 starts no charging now;"
                + " ask again in a few seconds", busy.getMessage());
    }

    @Test
    void aChangedLimitAppliesToTheNextCharge() {
        backlog.set(Duration.ofMillis(100));
        limit.set(Duration.ofMillis(50));
        assertTrue(admission.admit(BAY_07).isCompletedExceptionally());

        limit.set(Duration.ofMillis(100));
        assertTrue(admission.admit(BAY_07).isDone());
        assertEquals(false, admission.admit(BAY_07).isCompletedExceptionally());
    }
}
