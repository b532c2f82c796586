package org.pilegate.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void carriesItsCodeAndMessageButNoStackTrace() {
        Refusal refusal = new Refusal(ErrorCode.PILE_BUSY, "pile bay-07 is in use by another terminal");

        assertEquals(ErrorCode.PILE_BUSY, refusal.code());
        assertEquals("pile bay-07 is in use by another terminal", refusal.getMessage());
        assertEquals(0, refusal.getStackTrace().length);
    }
}
