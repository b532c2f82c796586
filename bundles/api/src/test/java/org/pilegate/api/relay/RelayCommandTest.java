package org.pilegate.api.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RelayCommandTest {

    @Test
    void acceptsLimitsFromZeroToMax() {
        assertEquals(0, new RelayCommand.SetCurrentLimit(0).currentLimitA());
        assertEquals(1000, new RelayCommand.CloseContactor(1000).currentLimitA());
    }

    @Test
    void rejectsLimitsOutOfRange() {
        assertEquals("current limit must be 0..1000 A: -1",
                assertThrows(IllegalArgumentException.class, () -> new RelayCommand.SetCurrentLimit(-1))
                        .getMessage());
        assertEquals("current limit must be 0..1000 A: 1001",
                assertThrows(IllegalArgumentException.class, () -> new RelayCommand.CloseContactor(1001))
                        .getMessage());
    }
}
