package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;

class SiteHealthTest {

    @Test
    void withoutPilesTheSiteSaysSo() {
        assertEquals("No piles configured", SiteHealth.of(List.of()));
    }

    @Test
    void pilesThatAnsweredAndAreNotFaultedAreGood() {
        assertEquals("Good", SiteHealth.of(List.of(view(new FakePileController("bay-01", 0)))));
    }

    @Test
    void faultedPilesComeFirstThenThoseWaitingForTheirDevicesEachById() {
        FakePileController bay3 = new FakePileController("bay-03", 0);
        bay3.fault("relay welded");
        FakePileController bay1 = new FakePileController("bay-01", 0);
        bay1.fault("meter lost");
        FakePileController bay2 = new FakePileController("bay-02", 0);
        bay2.devicesSeen(false);
        FakePileController bay4 = new FakePileController("bay-04", 0);

        assertEquals("Faulted: bay-01, bay-03; Waiting for devices: bay-02",
                SiteHealth.of(List.of(view(bay3), view(bay4), view(bay2), view(bay1))));
    }

    @Test
    void aFaultedPileIsNamedAsFaultedEvenWhileItsDevicesHaveNotAnswered() {
        FakePileController bay1 = new FakePileController("bay-01", 0);
        bay1.fault("no relay");
        bay1.devicesSeen(false);

        assertEquals("Faulted: bay-01", SiteHealth.of(List.of(view(bay1))));
    }

    private static PileView view(FakePileController controller) {
        return new PileView(controller, 0, Optional.empty(), (pile, variable) -> { });
    }
}
