package org.pilegate.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class LimitArgumentTest {

    @Test
    void aWholeNumberIsTheLimitAndNoneLiftsIt() {
        assertEquals(OptionalLong.of(22_000), LimitArgument.parse(" 22000 ", "limit"));
        assertEquals(OptionalLong.empty(), LimitArgument.parse("None", "limit"));
    }

    @Test
    void anythingElseIsRefusedWithWhatWasTyped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LimitArgument.parse("22kW", "limit"));
        assertEquals("limit must be a whole number or 'none', not '22kW'", e.getMessage());
    }
}
